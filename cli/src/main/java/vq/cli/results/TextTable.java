package vq.cli.results;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a JDBC result as an aligned text table (numbers right-aligned, 4 significant decimals at most). */
final class TextTable {
    private TextTable() {}

    /** Prints all rows of {@code rs}; returns the row count. */
    static long print(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        boolean[] numeric = new boolean[n];
        String[] head = new String[n];
        for (int i = 0; i < n; i++) head[i] = md.getColumnLabel(i + 1);
        while (rs.next()) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                if (v instanceof Number) numeric[i] = true;
                r[i] = cell(v);
            }
            rows.add(r);
        }
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = head[i].length();
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        line(out, head, w, numeric);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        out.println(sep);
        for (String[] r : rows) line(out, r, w, numeric);
        out.flush();
        return rows.size();
    }

    private static void line(PrintWriter out, String[] cells, int[] w, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append("  ");
            String c = cells[i];
            String pad = " ".repeat(w[i] - c.length());
            sb.append(numeric[i] ? pad + c : c + (i == cells.length - 1 ? "" : pad));
        }
        out.println(sb);
    }

    static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return num(d);
        if (v instanceof Float f) return num(f);
        if (v instanceof java.sql.Array a) {
            try {
                Object[] xs = (Object[]) a.getArray();
                return String.join(",", java.util.Arrays.stream(xs).map(String::valueOf).toList());
            } catch (SQLException e) {
                return v.toString();
            }
        }
        return v.toString();
    }

    static String num(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%.0f", d);
        double a = Math.abs(d);
        return String.format(Locale.ROOT, a >= 1000 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", d);
    }
}
