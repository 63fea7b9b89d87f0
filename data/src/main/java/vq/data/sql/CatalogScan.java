package vq.data.sql;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBTableFunctionState;
import org.duckdb.DuckDBWritableVector;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Column;
import vq.columnar.ColumnType;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Manifest;

/**
 * The DuckDB table function {@code vq_scan('<dataset>')}: every dataset of that kind in the catalog as one table
 * with columns {@code venue, market, symbol, interval} (VARCHAR), {@code ts_ns} (BIGINT, epoch ns UTC) and the
 * dataset's columns (DOUBLE / BIGINT / TINYINT, DESIGN.md §4), in catalog-key order and time order within a key.
 *
 * <p>Why a table function (duckdb_jdbc's {@code DuckDBFunctions.tableFunction()}) and not an Arrow stream: a
 * registered {@code ArrowArrayStream} can be consumed only once, so a view over it breaks as soon as a query reads
 * it twice (self-joins, CTEs used twice, a second statement). The table function is re-scannable, gets DuckDB's
 * projection pushdown (only the referenced columns are touched, so {@code count(*)} maps no price column at all),
 * and runs on several DuckDB threads: work units are slices of ≤ {@value #UNIT_ROWS} rows of the memory-mapped
 * segments, handed out through an atomic counter. Each output vector is filled by one bulk copy from the mapped
 * column (both little-endian 8/1-byte values) into DuckDB's vector buffer and one fill of its validity mask — no
 * per-value work. That bulk path reaches the vector's buffers by reflection on duckdb_jdbc internals; if a future
 * driver changes them, {@link #bulk} is false and the documented per-value setters are used instead (same result,
 * slower). Readers (mappings) are opened once per connection and reused across queries; {@link #close} unmaps them.
 */
final class CatalogScan implements DuckDBTableFunction<CatalogScan.Bind, CatalogScan.Global, CatalogScan.Local>, AutoCloseable {
    static final int UNIT_ROWS = 2048 * 64;
    static final List<String> KEY_COLUMNS = List.of("venue", "market", "symbol", "interval");
    private static final VarHandle DATA, VALIDITY;
    static final boolean BULK_AVAILABLE;

    static {
        VarHandle d = null, v = null;
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(DuckDBWritableVector.class, MethodHandles.lookup());
            d = l.findVarHandle(DuckDBWritableVector.class, "data", ByteBuffer.class);
            v = l.findVarHandle(DuckDBWritableVector.class, "validity", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            d = v = null;
        }
        DATA = d;
        VALIDITY = v;
        BULK_AVAILABLE = d != null;
    }

    private final Catalog catalog;
    private final Map<DatasetKey, DatasetReader> readers = new ConcurrentHashMap<>();
    private final List<DatasetReader> stale = new ArrayList<>();
    /** Whether to use the bulk copy (tests switch it off to check the fallback gives the same answers). */
    volatile boolean bulk = BULK_AVAILABLE;

    CatalogScan(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Bind data: the dataset, its keys and readers, and the full output schema. */
    record Bind(Dataset dataset, List<DatasetKey> keys, List<DatasetReader> readers, long rows) {}

    /** One slice of one segment: reader index, chunk, rows [start, start + rows) of it. */
    record Unit(int key, Chunk chunk, long start, long rows) {}

    /** Global scan state: the work units and the projected columns. */
    static final class Global implements DuckDBTableFunctionState {
        final List<Unit> units;
        final int[] columns; // output column index in the bind schema, per projected position
        final AtomicInteger next = new AtomicInteger();

        Global(List<Unit> units, int[] columns) {
            this.units = units;
            this.columns = columns;
        }

        @Override public void close() {}
    }

    /** Per-thread state: the unit being read and the position in it. */
    static final class Local implements DuckDBTableFunctionState {
        Unit unit;
        long pos;
        final byte[][][] keyBytes = new byte[4][][];

        @Override public void close() {}
    }

    @Override public Bind bind(DuckDBTableFunctionBindInfo info) throws Exception {
        String name;
        try (org.duckdb.DuckDBValue v = info.getParameter(0)) {
            name = v.getString();
        }
        Dataset ds = Dataset.ofId(name);
        List<DatasetKey> keys = new ArrayList<>();
        List<DatasetReader> rs = new ArrayList<>();
        long rows = 0;
        for (DatasetKey k : catalog.list()) {
            if (k.dataset() != ds) continue;
            DatasetReader r = reader(k);
            if (r == null) continue;
            keys.add(k);
            rs.add(r);
            rows += r.rows();
        }
        for (String c : KEY_COLUMNS) info.addResultColumn(c, DuckDBColumnType.VARCHAR);
        info.addResultColumn("ts_ns", DuckDBColumnType.BIGINT);
        for (Column c : ds.columns().subList(1, ds.columns().size())) info.addResultColumn(c.name(), duckType(c.type()));
        info.setCardinality(rows, true);
        return new Bind(ds, keys, rs, rows);
    }

    private DatasetReader reader(DatasetKey k) {
        Manifest m = catalog.manifest(k).orElse(null);
        if (m == null) return null;
        synchronized (stale) {
            DatasetReader r = readers.get(k);
            if (r != null && r.manifest().equals(m)) return r;
            if (r != null) stale.add(r); // still possibly in use by a running scan; unmapped on close
            r = catalog.reader(k);
            readers.put(k, r);
            return r;
        }
    }

    static DuckDBColumnType duckType(ColumnType t) {
        return switch (t) {
            case F64 -> DuckDBColumnType.DOUBLE;
            case I64 -> DuckDBColumnType.BIGINT;
            case I8 -> DuckDBColumnType.TINYINT;
        };
    }

    @Override public Global init(DuckDBTableFunctionInitInfo info) {
        Bind b = info.getBindData();
        int n = (int) info.getColumnCount();
        int[] cols = new int[n];
        for (int i = 0; i < n; i++) cols[i] = (int) info.getColumnIndex(i);
        List<Unit> units = new ArrayList<>();
        for (int k = 0; k < b.readers().size(); k++) {
            for (Chunk c : b.readers().get(k).all()) {
                for (long s = 0; s < c.rows(); s += UNIT_ROWS) units.add(new Unit(k, c, s, Math.min(UNIT_ROWS, c.rows() - s)));
            }
        }
        info.setMaxThreads(Math.max(1, Math.min(units.size(), Runtime.getRuntime().availableProcessors())));
        return new Global(units, cols);
    }

    @Override public Local localInit(DuckDBTableFunctionInitInfo info) {
        return new Local();
    }

    @Override public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter out) {
        Bind b = call.getBindData();
        Global g = call.getInitData();
        Local l = call.getLocalInitData();
        while (l.unit == null || l.pos >= l.unit.rows()) {
            int i = g.next.getAndIncrement();
            if (i >= g.units.size()) return 0;
            l.unit = g.units.get(i);
            l.pos = 0;
            Arrays.fill(l.keyBytes, null);
        }
        Chunk c = l.unit.chunk();
        int n = (int) Math.min(out.capacity(), l.unit.rows() - l.pos);
        DatasetKey key = b.keys().get(l.unit.key());
        for (int p = 0; p < g.columns.length; p++) {
            int col = g.columns[p];
            DuckDBWritableVector v = out.vector(p);
            if (col < KEY_COLUMNS.size()) {
                byte[][] vals = l.keyBytes[col];
                if (vals == null || vals.length != n) {
                    byte[] s = keyValue(key, col).getBytes(StandardCharsets.UTF_8);
                    vals = new byte[n][];
                    Arrays.fill(vals, s);
                    l.keyBytes[col] = vals;
                }
                v.setStringUtf8Batch(0, vals);
            } else {
                int dc = col - KEY_COLUMNS.size(); // 0 = ts
                copy(c.column(dc), b.dataset().columns().get(dc).type(), l.unit.start() + l.pos, n, v);
            }
        }
        l.pos += n;
        return n;
    }

    static String keyValue(DatasetKey k, int col) {
        return switch (col) {
            case 0 -> k.venue();
            case 1 -> k.market();
            case 2 -> k.symbol();
            default -> k.interval();
        };
    }

    private void copy(MemorySegment src, ColumnType type, long from, int n, DuckDBWritableVector v) {
        int w = type.width();
        if (bulk) {
            ByteBuffer data = (ByteBuffer) DATA.get(v), validity = (ByteBuffer) VALIDITY.get(v);
            MemorySegment.copy(src, from * w, MemorySegment.ofBuffer(data), 0, (long) n * w);
            MemorySegment val = MemorySegment.ofBuffer(validity);
            int words = n >>> 6;
            val.asSlice(0, words * 8L).fill((byte) -1);
            if ((n & 63) != 0) val.set(ValueLayout.JAVA_LONG_UNALIGNED, words * 8L, (1L << (n & 63)) - 1);
            return;
        }
        for (int i = 0; i < n; i++) {
            long r = from + i;
            switch (type) {
                case F64 -> v.setDouble(i, src.getAtIndex(ColumnType.DOUBLE_LE, r));
                case I64 -> v.setLong(i, src.getAtIndex(ColumnType.LONG_LE, r));
                case I8 -> v.setByte(i, src.get(ColumnType.BYTE, r));
            }
        }
    }

    /** Unmaps every reader opened by this scan function. */
    @Override public void close() {
        synchronized (stale) {
            for (DatasetReader r : readers.values()) r.close();
            for (DatasetReader r : stale) r.close();
            readers.clear();
            stale.clear();
        }
    }
}
