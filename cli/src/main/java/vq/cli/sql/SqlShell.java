package vq.cli.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import vq.columnar.Catalog;
import vq.columnar.InputException;
import vq.data.sql.CatalogSql;

/**
 * The interactive {@code vq sql} prompt (JLine): line editing, history kept in
 * {@code ~/.vq_sql_history} (or {@code $VQ_SQL_HISTORY}), statements ending with {@code ;} (they may
 * span lines), and dot commands ({@code .help}, {@code .tables}, {@code .format}, {@code .quit}).
 *
 * <p>Each statement opens the workspace database, runs and closes it again, so the prompt never
 * holds DuckDB's file lock between statements: a {@code vq screen} or {@code vq validate} in another
 * terminal can write while the prompt sits idle. The price: TEMP tables and SET options do not carry
 * from one statement to the next (ordinary tables do).
 */
final class SqlShell {
    private final Terminal terminal;
    private final Path database;
    private final Path catalog;
    private final Path history;
    private CatalogSql.Format format = CatalogSql.Format.TABLE;

    SqlShell(Terminal terminal, Path database, Path catalog, Path history) {
        this.terminal = terminal;
        this.database = database;
        this.catalog = catalog;
        this.history = history;
    }

    static Path defaultHistory() {
        String env = System.getenv("VQ_SQL_HISTORY");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".vq_sql_history");
    }

    /**
     * Reads statements from a pipe instead of a terminal ({@code vq sql < queries.sql}): same syntax,
     * no prompt, no history. JLine is not used here because its input pump drops lines that are
     * still buffered when the pipe reaches its end.
     */
    static int runPiped(java.io.InputStream in, PrintStream out, Path database, Path catalog) {
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        SqlShell sh = new SqlShell(null, database, catalog, null);
        sh.pipeOut = out;
        return sh.loop(prompt -> {
            try {
                String l = r.readLine();
                if (l == null) throw new EndOfFileException();
                return l;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, w);
    }

    private PrintStream pipeOut;

    /** Runs the prompt until .quit or end of input; returns the number of failed statements. */
    int run() {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("vq-sql")
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_SIZE, 5_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "   -> ")
                .build();
        PrintWriter w = terminal.writer();
        w.println("vq sql on " + database + " (results tables and catalog views). End statements with ';'. .help for help.");
        w.flush();
        int failures = loop(reader::readLine, w);
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            w.println("vq: could not save history to " + history + ": " + e.getMessage());
        }
        w.flush();
        return failures;
    }

    private int loop(java.util.function.UnaryOperator<String> lines, PrintWriter w) {
        StringBuilder stmt = new StringBuilder();
        int failures = 0;
        while (true) {
            String line;
            try {
                line = lines.apply(stmt.isEmpty() ? "vq> " : "   -> ");
            } catch (UserInterruptException e) {
                stmt.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String t = line.strip();
            if (stmt.isEmpty() && t.startsWith(".")) {
                if (!dot(t, w)) break;
                continue;
            }
            if (t.isEmpty() && stmt.isEmpty()) continue;
            stmt.append(line).append('\n');
            if (!t.endsWith(";")) continue;
            if (!execute(stmt.toString(), w)) failures++;
            stmt.setLength(0);
        }
        if (!stmt.toString().isBlank() && !execute(stmt.toString(), w)) failures++;
        w.flush();
        return failures;
    }

    private boolean dot(String cmd, PrintWriter w) {
        String[] p = cmd.split("\\s+");
        switch (p[0]) {
            case ".quit", ".exit", ".q" -> { return false; }
            case ".help" -> w.println("""
                    Statements end with ';' and may span lines. Dot commands:
                      .tables              results tables and views, catalog views
                      .format table|csv|json   output format (now: %s)
                      .quit                leave (or Ctrl-D)
                    Results: experiments, sweep_results, runs, trades, equity, events, filters, walk_forward;
                    views sweep_ranked, filter_funnel, screen_vs_validate, run_costs, walk_forward_stitched,
                    experiment_summary. Catalog: bars, mark_bars, funding, trades, quotes, book.
                    Each statement runs in its own session (the database is not held between statements),
                    so TEMP tables and SET options do not carry over.""".formatted(format.name().toLowerCase(Locale.ROOT)));
            case ".tables" -> execute("SELECT table_name AS name, table_type AS kind FROM information_schema.tables "
                    + "WHERE table_schema = 'main' OR table_name IN ('bars','mark_bars','funding','trades','quotes','book') "
                    + "ORDER BY kind, name;", w);
            case ".format" -> {
                if (p.length != 2) {
                    w.println("usage: .format table|csv|json");
                } else {
                    try {
                        CatalogSql.Format f = CatalogSql.format(p[1]);
                        if (f == CatalogSql.Format.PARQUET) w.println("parquet needs a file: vq sql \"...\" --format parquet --out FILE");
                        else format = f;
                    } catch (InputException e) {
                        w.println("vq: " + e.getMessage());
                    }
                }
            }
            default -> w.println("unknown command " + p[0] + " (.help lists them)");
        }
        w.flush();
        return true;
    }

    private boolean execute(String sql, PrintWriter w) {
        w.flush();
        PrintStream out = terminal == null ? pipeOut : new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        try (CatalogSql s = CatalogSql.open(database, Catalog.open(catalog))) {
            long t = System.nanoTime();
            long n = s.run(sql, format, null, out);
            out.flush();
            if (terminal != null) w.printf(Locale.ROOT, "(%d rows, %.3f s)%n", n, (System.nanoTime() - t) / 1e9);
            return true;
        } catch (InputException e) {
            w.println("vq: " + e.getMessage());
            return false;
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            w.println("vq: " + (m.contains("lock") ? database + " is busy (another vq process is writing); try again in a moment" : m));
            return false;
        } catch (RuntimeException e) {
            w.println("vq: " + e);
            return false;
        } finally {
            w.flush();
        }
    }
}
