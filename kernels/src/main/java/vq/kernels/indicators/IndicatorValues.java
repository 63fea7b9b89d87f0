package vq.kernels.indicators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The outputs of one indicator computation: per field, {@code rows()} doubles (little-endian, native memory),
 * index-aligned with the bar series they were computed on (or aligned to, see {@link Timeframes}). Values before
 * {@link #warmup(String)} are NaN. Segments returned by {@link #field} are read-only views; the memory belongs to
 * whoever allocated it (usually an {@link IndicatorCache}), so do not use them after that owner is closed.
 */
public final class IndicatorValues {
    private final IndicatorType type;
    private final Params params;
    private final Source source;
    private final long rows;
    private final MemorySegment[] fields;
    private final int[] warmups;

    IndicatorValues(IndicatorType type, Params params, Source source, long rows, MemorySegment[] fields, int[] warmups) {
        this.type = type;
        this.params = params;
        this.source = source;
        this.rows = rows;
        this.fields = new MemorySegment[fields.length];
        for (int i = 0; i < fields.length; i++) this.fields[i] = fields[i].asSlice(0, rows * Double.BYTES).asReadOnly();
        this.warmups = warmups.clone();
    }

    public IndicatorType type() { return type; }

    public Params params() { return params; }

    /** The price source, or null for types without one. */
    public Source source() { return source; }

    public long rows() { return rows; }

    public List<String> outputs() { return type.outputs(); }

    /** Read-only column of output {@code name} ({@code rows()} doubles). */
    public MemorySegment field(String name) { return fields[index(name)]; }

    /** Output by position in {@link IndicatorType#outputs()}. */
    public MemorySegment field(int i) { return fields[i]; }

    /** Value of output {@code name} at row {@code i}. */
    public double get(String name, long i) { return fields[index(name)].getAtIndex(ValueLayout.JAVA_DOUBLE, i); }

    /**
     * First valid row of {@code name} on the series these values are indexed by (for timeframe-aligned values, the
     * first base row showing a valid higher-timeframe value, or {@code rows()} if none).
     */
    public int warmup(String name) { return warmups[index(name)]; }

    /** Copy of a field to the heap (tests, small series). */
    public double[] toArray(String name) { return field(name).toArray(ValueLayout.JAVA_DOUBLE); }

    private int index(String name) {
        int i = type.outputs().indexOf(name);
        if (i < 0) throw new IllegalArgumentException(type.name() + " has no output '" + name + "' (outputs: " + String.join(", ", type.outputs()) + ")");
        return i;
    }

    @Override public String toString() {
        return params + (source != null ? " on " + source.id() : "") + " [" + rows + " rows]";
    }
}
