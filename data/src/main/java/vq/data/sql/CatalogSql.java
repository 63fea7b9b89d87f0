package vq.data.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import vq.columnar.AtomicFiles;
import vq.columnar.Catalog;
import vq.columnar.Dataset;
import vq.columnar.InputException;

/**
 * An embedded DuckDB session on the workspace database ({@code vq.duckdb}) with views over the catalog:
 * {@code bars, mark_bars, funding, trades, quotes, book}. Each view has {@code venue, market, symbol, interval}
 * (VARCHAR; {@code interval} is {@code tick} for datasets without bars), {@code ts} (TIMESTAMP, UTC, µs precision),
 * {@code ts_ns} (BIGINT, the exact epoch nanoseconds) and the dataset's columns of DESIGN.md §4. The views read the
 * memory-mapped segments through {@link CatalogScan}; nothing is copied into the database.
 *
 * <p>The views live in an attached in-memory database {@value #MARKET}, searched after the workspace database
 * ({@code SET search_path = '<db>,market'}; DuckDB creates unqualified objects in the first entry, so user tables
 * still land in {@code vq.duckdb}). A name resolves to a workspace table first: the results store's {@code trades}
 * table (DESIGN.md §9) therefore keeps the name {@code trades}, and the market's trades are {@code market.trades}
 * (every view is reachable as {@code market.<dataset>}). Views of the workspace database bind to its own tables.
 * (TEMP views were tried first: they shadow even {@code main.trades}, which broke the results views.)
 *
 * <p>Extensions are never downloaded ({@code autoinstall_known_extensions=false}); parquet, json and csv are built in.
 * Not thread-safe (one JDBC connection).
 */
public final class CatalogSql implements AutoCloseable {
    /** The catalog views, by dataset. */
    public static final List<Dataset> VIEWS = List.of(Dataset.values());

    /** Output formats of {@link #run}. */
    public enum Format { TABLE, CSV, JSON, PARQUET }

    /** The in-memory database holding the catalog views (so they never land in, or shadow inside, vq.duckdb). */
    public static final String MARKET = "market";

    /** Rows a table rendering shows at most (the rest is counted). */
    public static final int TABLE_MAX_ROWS = 10_000;

    private final Connection conn;
    private final CatalogScan scan;

    private CatalogSql(Connection conn, CatalogScan scan) {
        this.conn = conn;
        this.scan = scan;
    }

    /**
     * Opens {@code database} (created if missing; {@code null} = in-memory) and defines the catalog views.
     *
     * @throws SQLException when DuckDB cannot open the file (e.g. another process holds its lock)
     */
    public static CatalogSql open(Path database, Catalog catalog) throws SQLException {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        if (database != null) {
            try {
                Files.createDirectories(database.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + database.getParent() + ": " + e.getMessage(), e);
            }
        }
        Connection c = DriverManager.getConnection(database == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + database.toAbsolutePath(), p);
        CatalogScan scan = new CatalogScan(catalog);
        try {
            DuckDBFunctions.tableFunction().withName("vq_scan").withParameter(DuckDBColumnType.VARCHAR)
                    .withProjectionPushdown().withFunction(scan).register(c);
            try (Statement st = c.createStatement()) {
                String db;
                try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                    rs.next();
                    db = rs.getString(1);
                }
                st.execute("ATTACH ':memory:' AS " + MARKET);
                for (Dataset d : VIEWS) st.execute(viewSql(d));
                st.execute("SET search_path = '" + db.replace("'", "''") + "," + MARKET + "'");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            scan.close();
            throw e;
        }
        return new CatalogSql(c, scan);
    }

    static String viewSql(Dataset d) {
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE VIEW " + MARKET + ".").append(d.id())
                .append(" AS SELECT venue, market, symbol, \"interval\", make_timestamp(ts_ns // 1000) AS ts, ts_ns");
        for (var c : d.columns().subList(1, d.columns().size())) sb.append(", \"").append(c.name()).append('"');
        return sb.append(" FROM vq_scan('").append(d.id()).append("')").toString();
    }

    public Connection connection() { return conn; }

    /** Test hook: force the per-value fallback of the scan. */
    void useBulkCopy(boolean on) { scan.bulk = on && CatalogScan.BULK_AVAILABLE; }

    /**
     * Runs one SQL statement. A query's rows go to {@code out} (FILE given) or {@code stdout}; a statement without
     * rows prints {@code ok}. Parquet needs {@code out}. Files are written atomically (temp + rename).
     *
     * @return the number of rows of the result (or the update count)
     * @throws InputException for SQL errors (the message is DuckDB's, naming the position) and bad format/out pairs
     */
    public long run(String sql, Format format, Path out, PrintStream stdout) {
        String q = sql.strip();
        while (q.endsWith(";")) q = q.substring(0, q.length() - 1).strip();
        if (q.isEmpty()) throw new InputException("empty SQL");
        if (format == Format.PARQUET && out == null) throw new InputException("--format parquet needs --out FILE");
        try (Statement st = conn.createStatement()) {
            if (out != null && format != Format.TABLE) return copyTo(st, q, format, out);
            boolean hasRows = st.execute(q);
            if (!hasRows) {
                long n = st.getUpdateCount();
                stdout.println("ok" + (n >= 0 ? " (" + n + " rows)" : ""));
                return Math.max(n, 0);
            }
            try (ResultSet rs = st.getResultSet()) {
                if (out != null) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    long n;
                    try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                        n = table(rs, ps);
                    }
                    AtomicFiles.write(out.toAbsolutePath().normalize(), bytes.toByteArray());
                    return n;
                }
                return switch (format) {
                    case TABLE -> table(rs, stdout);
                    case CSV -> csv(rs, stdout);
                    case JSON -> json(rs, stdout);
                    case PARQUET -> throw new IllegalStateException();
                };
            }
        } catch (SQLException e) {
            throw new InputException("SQL error: " + e.getMessage(), e);
        }
    }

    private long copyTo(Statement st, String q, Format format, Path out) throws SQLException {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = AtomicFiles.tempFor(target);
        String opts = switch (format) {
            case CSV -> "FORMAT csv, HEADER true";
            case JSON -> "FORMAT json, ARRAY true";
            case PARQUET -> "FORMAT parquet";
            case TABLE -> throw new IllegalStateException();
        };
        try {
            Files.createDirectories(target.getParent());
            st.execute("COPY (" + q + ") TO '" + tmp.toString().replace("'", "''") + "' (" + opts + ")");
            long n = st.getUpdateCount();
            AtomicFiles.move(tmp, target);
            return Math.max(n, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
        }
    }

    /** Text of one value for table/CSV output: plain decimals (no exponent), TIMESTAMP as ISO text, NULL as empty. */
    static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) return d.toString();
            String s = Double.toString(d);
            return s.indexOf('E') >= 0 ? new BigDecimal(s).toPlainString() : (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s);
        }
        if (v instanceof Float f) return text(f.doubleValue());
        if (v instanceof java.sql.Timestamp t) return timestamp(t.toLocalDateTime());
        if (v instanceof java.time.LocalDateTime t) return timestamp(t);
        if (v instanceof java.time.OffsetDateTime t) return timestamp(t.toLocalDateTime()) + t.getOffset();
        if (v instanceof java.time.temporal.TemporalAccessor t) return t.toString().replace('T', ' ');
        return v.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss} plus the fraction of a second when it is not zero. */
    static String timestamp(java.time.LocalDateTime t) {
        String s = t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) return s;
        String f = String.format(Locale.ROOT, "%09d", t.getNano());
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        return s + "." + f.substring(0, end);
    }

    private static List<String> header(ResultSetMetaData md) throws SQLException {
        List<String> h = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) h.add(md.getColumnLabel(i));
        return h;
    }

    static long table(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> h = header(md);
        List<String[]> rows = new ArrayList<>();
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            int t = md.getColumnType(i + 1);
            numeric[i] = t == java.sql.Types.BIGINT || t == java.sql.Types.INTEGER || t == java.sql.Types.DOUBLE
                    || t == java.sql.Types.FLOAT || t == java.sql.Types.DECIMAL || t == java.sql.Types.SMALLINT
                    || t == java.sql.Types.TINYINT || t == java.sql.Types.NUMERIC || t == java.sql.Types.REAL;
        }
        long total = 0;
        while (rs.next()) {
            total++;
            if (rows.size() >= TABLE_MAX_ROWS) continue;
            String[] r = new String[n];
            for (int i = 0; i < n; i++) r[i] = rs.getObject(i + 1) == null ? "NULL" : text(rs.getObject(i + 1));
            rows.add(r);
        }
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = h.get(i).length();
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "  ").append(pad(h.get(i), w[i], numeric[i]));
        out.println(sb.toString().stripTrailing());
        sb.setLength(0);
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        out.println(sb);
        for (String[] r : rows) {
            sb.setLength(0);
            for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "  ").append(pad(r[i], w[i], numeric[i]));
            out.println(sb.toString().stripTrailing());
        }
        out.println("(" + total + (total == 1 ? " row" : " rows")
                + (total > rows.size() ? ", first " + rows.size() + " shown; use --format csv or --out FILE for all" : "") + ")");
        return total;
    }

    private static String pad(String s, int w, boolean right) {
        String p = " ".repeat(Math.max(0, w - s.length()));
        return right ? p + s : s + p;
    }

    static long csv(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        StringBuilder sb = new StringBuilder();
        List<String> h = header(md);
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append(csvField(h.get(i)));
        out.println(sb);
        long total = 0;
        while (rs.next()) {
            sb.setLength(0);
            for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append(csvField(text(rs.getObject(i + 1))));
            out.println(sb);
            total++;
        }
        return total;
    }

    /** RFC 4180 quoting. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static long json(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> h = header(md);
        long total = 0;
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            while (rs.next()) {
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    Object v = rs.getObject(i + 1);
                    g.writeFieldName(h.get(i));
                    switch (v) {
                        case null -> g.writeNull();
                        case Double d when d.isNaN() || d.isInfinite() -> g.writeString(d.toString());
                        case Double d -> g.writeNumber(d);
                        case Float f -> g.writeNumber(f);
                        case Long l -> g.writeNumber(l);
                        case Integer x -> g.writeNumber(x);
                        case Short x -> g.writeNumber(x);
                        case Byte x -> g.writeNumber(x);
                        case BigDecimal x -> g.writeNumber(x);
                        case java.math.BigInteger x -> g.writeNumber(x);
                        case Boolean x -> g.writeBoolean(x);
                        default -> g.writeString(text(v));
                    }
                }
                g.writeEndObject();
                total++;
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        return total;
    }

    /** Parses a format name (table, csv, json, parquet). */
    public static Format format(String s) {
        try {
            return Format.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown format '" + s + "' (table, csv, json, parquet)");
        }
    }

    @Override public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) { /* closing */ }
        scan.close();
    }
}
