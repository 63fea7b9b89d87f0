package vq.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import vq.columnar.InputException;

final class InputExceptionAssert {
    private InputExceptionAssert() {}

    /** Asserts that {@code e} throws an InputException whose message contains every fragment. */
    static InputException message(Executable e, String... fragments) {
        InputException ex = assertThrows(InputException.class, e);
        for (String f : fragments) assertTrue(ex.getMessage().contains(f), "message lacks '" + f + "': " + ex.getMessage());
        return ex;
    }
}
