package vq.data.synth;

/**
 * A tiny deterministic random source: SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014) for uniforms, and the Box–Muller transform with {@link StrictMath} for normals.
 * Written out here rather than taken from {@code java.util.random} so that the stream of numbers for a seed
 * is fixed by this file alone: the same seed gives bit-identical output on every JDK and CPU ({@code StrictMath}
 * is specified to return the fdlibm results; {@code Math.log} may be intrinsified differently). Not thread-safe.
 */
final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private double spare;
    private boolean hasSpare;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 finaliser (also used to derive independent seeds from a seed and an index). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal N(0, 1) by Box–Muller (polar-free form; both outputs used). */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double a = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(a);
        hasSpare = true;
        return r * StrictMath.cos(a);
    }
}
