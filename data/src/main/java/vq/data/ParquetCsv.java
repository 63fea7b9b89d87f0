package vq.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import vq.columnar.InputException;

/**
 * Parquet input through an embedded, in-memory DuckDB (org.duckdb:duckdb_jdbc; built-in parquet reader,
 * {@code autoinstall_known_extensions=false} so nothing is downloaded). The file is copied to a temporary CSV
 * with a header ({@code COPY (SELECT ...) TO ... (HEADER)}, streamed by DuckDB in bounded memory), timestamp
 * and date columns turned into epoch nanoseconds, and then read by the ordinary CSV path, so every check and
 * column mapping applies unchanged.
 */
final class ParquetCsv {
    private ParquetCsv() {}

    /** Writes {@code parquet} as CSV to a new temp file and returns it; the caller deletes it. */
    static Path toCsv(Path parquet, String display) throws IOException {
        Path csv = Files.createTempFile("vq-parquet-", ".csv");
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement st = c.createStatement()) {
            String src = "read_parquet(" + literal(parquet.toAbsolutePath().toString()) + ")";
            List<String> select = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
                while (rs.next()) {
                    String name = rs.getString("column_name"), type = rs.getString("column_type").toUpperCase(Locale.ROOT);
                    String q = ident(name);
                    if (type.startsWith("TIMESTAMP") || type.equals("DATE")) select.add("epoch_ns(" + q + ") AS " + q);
                    else select.add(q);
                }
            }
            if (select.isEmpty()) throw new InputException(display + ": the Parquet file has no columns");
            st.execute("COPY (SELECT " + String.join(", ", select) + " FROM " + src + ") TO "
                    + literal(csv.toAbsolutePath().toString()) + " (HEADER, DELIMITER ',')");
            return csv;
        } catch (SQLException e) {
            Files.deleteIfExists(csv);
            throw new InputException(display + ": cannot read as Parquet: " + e.getMessage(), e);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
