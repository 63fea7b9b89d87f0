package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Large zeroed native buffers without the page-fault storm of {@link Arena#allocate}: on Linux the memory is an
 * anonymous private mapping (already zero, so no second zeroing pass) advised for transparent huge pages
 * ({@code madvise(MADV_HUGEPAGE)}), so a gigabyte of indicator series faults in 2 MiB pages instead of 4 KiB ones
 * (measured here: 156 SMA windows × 8 MB took 4.2 s in {@code Arena.allocate}, almost all of it page faults and the
 * zeroing of fresh memory). The mapping is unmapped when {@code arena} closes. Elsewhere, or when any call fails,
 * it falls back to {@code arena.allocate} (same contents: zeros).
 */
final class LargeAlloc {
    private static final long HUGE = 2L << 20;
    private static final int PROT_RW = 0x3, MAP_PRIVATE_ANON = 0x02 | 0x20, MADV_HUGEPAGE = 14;
    private static final MethodHandle MMAP, MUNMAP, MADVISE;

    static {
        MethodHandle mmap = null, munmap = null, madvise = null;
        try {
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                Linker l = Linker.nativeLinker();
                SymbolLookup libc = l.defaultLookup();
                mmap = l.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                munmap = l.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                madvise = l.downcallHandle(libc.find("madvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            }
        } catch (Throwable t) {
            mmap = munmap = madvise = null; // no native access: plain arena allocation
        }
        MMAP = mmap;
        MUNMAP = munmap;
        MADVISE = madvise;
    }

    private LargeAlloc() {}

    /**
     * A zeroed segment of {@code bytes} bytes, 2 MiB aligned when mapped (64-byte aligned otherwise), freed with
     * {@code arena}.
     */
    static MemorySegment zeroed(Arena arena, long bytes) {
        if (MMAP != null && bytes >= HUGE) {
            try {
                long total = bytes + HUGE; // room to align the start to a huge page
                MemorySegment p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, total, PROT_RW, MAP_PRIVATE_ANON, -1, 0L);
                long base = p.address();
                if (base != -1L && base != 0L) {
                    long start = (base + HUGE - 1) & -HUGE;
                    int ignored = (int) MADVISE.invokeExact(MemorySegment.ofAddress(start), bytes, MADV_HUGEPAGE); // advisory: fine if refused
                    return MemorySegment.ofAddress(start).reinterpret(bytes, arena, s -> unmap(base, total));
                }
            } catch (Throwable t) {
                // fall through to the arena
            }
        }
        return arena.allocate(Math.max(1, bytes), 64);
    }

    private static void unmap(long base, long total) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(base), total);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }
}
