package vq.columnar;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectWriterTest {
    /** Sizes around the chunk and alignment boundaries, and the empty file. */
    static final int[] SIZES = {0, 1, 4095, 4096, 4097, DirectWriter.CHUNK - 1, DirectWriter.CHUNK, DirectWriter.CHUNK + 1,
            5 * DirectWriter.CHUNK + 12345};

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fileHoldsExactlyTheBytesWrittenInBothModes(boolean direct, @TempDir Path dir) throws Exception {
        String before = System.getProperty(DirectWriter.PROPERTY);
        if (!direct) System.setProperty(DirectWriter.PROPERTY, "false");
        ExecutorService io = Executors.newSingleThreadExecutor();
        try (Arena arena = Arena.ofConfined()) {
            Random rnd = new Random(42);
            for (int size : SIZES) {
                // the same content through all three ways of writing, in pieces of random length
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                Path p = dir.resolve("f" + size);
                DirectWriter w = DirectWriter.open(p, io, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                if (!direct) assertFalse(w.direct());
                int left = size, kind = 0;
                while (left > 0) {
                    int n = Math.min(left, 1 + rnd.nextInt(300_000));
                    byte[] b = new byte[n];
                    switch (kind++ % 3) {
                        case 0 -> {
                            rnd.nextBytes(b);
                            w.write(b, 0, n);
                        }
                        case 1 -> {
                            rnd.nextBytes(b);
                            MemorySegment s = arena.allocate(n + 3).asSlice(3); // unaligned source
                            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, n);
                            w.write(s);
                        }
                        default -> w.zeros(n);
                    }
                    expected.write(b);
                    left -= n;
                    assertEquals(size - left, w.size());
                }
                w.finish().get();
                assertArrayEquals(expected.toByteArray(), Files.readAllBytes(p), "size " + size);
            }
        } finally {
            io.shutdown();
            if (before == null) System.clearProperty(DirectWriter.PROPERTY);
            else System.setProperty(DirectWriter.PROPERTY, before);
        }
    }

    @Test void writersShareOneIoThreadAndCloseWithoutFinishing(@TempDir Path dir) throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        try {
            byte[] a = new byte[3 * DirectWriter.CHUNK + 7], b = new byte[DirectWriter.CHUNK / 2];
            new Random(1).nextBytes(a);
            new Random(2).nextBytes(b);
            DirectWriter wa = DirectWriter.open(dir.resolve("a"), io, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            DirectWriter wb = DirectWriter.open(dir.resolve("b"), io, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            DirectWriter wc = DirectWriter.open(dir.resolve("c"), io, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            for (int off = 0; off < a.length; off += 100_000) { // interleaved
                wa.write(a, off, Math.min(100_000, a.length - off));
                if (off < b.length) wb.write(b, off, Math.min(100_000, b.length - off));
                wc.write(a, off, Math.min(100_000, a.length - off));
            }
            var fa = wa.finish();
            wc.close(); // abandoned: its submitted chunks are written, then it is closed
            wb.finish().get();
            fa.get();
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("a")));
            assertArrayEquals(b, Files.readAllBytes(dir.resolve("b")));
            assertTrue(Files.size(dir.resolve("c")) <= a.length);
            assertThrows(IllegalStateException.class, wa::finish);
        } finally {
            io.shutdown();
        }
    }

    @Test void openFailsLikeFileChannel(@TempDir Path dir) throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        try {
            Path p = dir.resolve("x");
            Files.write(p, new byte[] {1, 2, 3});
            assertThrows(java.nio.file.FileAlreadyExistsException.class,
                    () -> DirectWriter.open(p, io, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(p)); // untouched
        } finally {
            io.shutdown();
        }
    }
}
