package vq.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** Archive entry names that could leave the extraction directory are refused. */
class InputsTest {
    @Test void entryNamesThatEscapeAreRefused() {
        for (String bad : new String[] {"../x.csv", "a/../../x.csv", "/etc/x.csv", "\\\\server\\x.csv", "C:/x.csv", "c:x.csv", "Z:",
                "a/..", "..", "x\0.csv", ""})
            InputExceptionAssert.message(() -> Inputs.checkEntryName(bad, "e.zip"), "e.zip", "path traversal");
        for (String ok : new String[] {"BTCUSDT-1m-2024-01-01.csv", "dir/x.csv", "1:x.csv", "a..b.csv", ".hidden.csv", "ä:x.csv"})
            assertDoesNotThrow(() -> Inputs.checkEntryName(ok, "e.zip"), ok);
    }
}
