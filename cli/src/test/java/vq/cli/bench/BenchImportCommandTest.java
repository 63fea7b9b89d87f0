package vq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The median that {@code vq bench import} reports next to the best run. */
class BenchImportCommandTest {
    @Test void medianOfOddAndEvenCountsIgnoresOrder() {
        assertEquals(2.0, BenchImportCommand.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, BenchImportCommand.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(7.0, BenchImportCommand.median(List.of(7.0)));
        assertTrue(Double.isNaN(BenchImportCommand.median(List.of())));
    }
}
