package vq.columnar;

/** One column of a dataset schema: a name (lower snake case) and its fixed-width type. */
public record Column(String name, ColumnType type) {
    public static Column i64(String name) { return new Column(name, ColumnType.I64); }
    public static Column f64(String name) { return new Column(name, ColumnType.F64); }
    public static Column i8(String name) { return new Column(name, ColumnType.I8); }
}
