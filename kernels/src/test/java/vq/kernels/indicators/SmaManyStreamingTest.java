package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@code smaMany} (blocks of rows × all windows handed to a consumer) against the {@code sma}
 * indicator computed window by window: bit for bit, for block sizes that are and are not multiples of the vector
 * length, and for windows on both sides of the compensated-prefix threshold ({@code Vec.BLOCK} bars).
 */
class SmaManyStreamingTest {
    @Test void streamedBlocksEqualEachSingleWindowBitForBit() {
        Bars b = Bars.synthetic(30_000, 11);
        int[] windows = {1, 2, 5, 8, 20, 63, 64, 65, 400, 4096, 4097, 9000};
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = b.series(a);
            double[][] single = new double[windows.length][];
            IndicatorType sma = Indicators.get("sma");
            for (int j = 0; j < windows.length; j++)
                single[j] = sma.compute(s, sma.params("period", windows[j]), Source.CLOSE, a).toArray("sma");
            for (int blockRows : new int[] {1, 7, 512, 1000, 30_000, 50_000}) {
                long[] seen = {0};
                MovingAverages.smaMany(s, Source.CLOSE, windows, blockRows, (from, rows, block, stride) -> {
                    assertEquals(seen[0], from, "blocks arrive in order without gaps");
                    for (int j = 0; j < windows.length; j++)
                        for (int t = 0; t < rows; t++) {
                            double got = block.getAtIndex(ValueLayout.JAVA_DOUBLE, (long) j * stride + t);
                            double want = single[j][(int) (from + t)];
                            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                                    "window " + windows[j] + " bar " + (from + t) + " block " + blockRows + ": " + want + " vs " + got);
                        }
                    seen[0] += rows;
                });
                assertEquals(s.rows(), seen[0], "every bar streamed once, block " + blockRows);
            }
        }
    }

    /** The materialising form writes the same values into caller buffers. */
    @Test void materialisedFormEqualsTheSingleWindows() {
        Bars b = Bars.synthetic(10_000, 12);
        int[] windows = {3, 50, 5000};
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = b.series(a);
            MemorySegment[] outs = new MemorySegment[windows.length];
            for (int j = 0; j < windows.length; j++) outs[j] = a.allocate(s.rows() * 8, 64);
            MovingAverages.smaMany(s, Source.CLOSE, windows, outs);
            IndicatorType sma = Indicators.get("sma");
            for (int j = 0; j < windows.length; j++) {
                double[] want = sma.compute(s, sma.params("period", windows[j]), Source.CLOSE, a).toArray("sma");
                double[] got = outs[j].toArray(ValueLayout.JAVA_DOUBLE);
                for (int i = 0; i < want.length; i++)
                    assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), "window " + windows[j] + " bar " + i);
            }
        }
    }
}
