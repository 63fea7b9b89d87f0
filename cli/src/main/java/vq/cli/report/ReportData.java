package vq.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vq.columnar.InputException;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;

/**
 * Reads everything the results database holds for one experiment (or one validation run) into the
 * JSON document that report.js renders. Each section is present only when its stage has run; the
 * page says "not computed" for the others. Sizes are bounded whatever the experiment's size: the
 * leaderboard keeps {@value #LEADERBOARD_ROWS} rows, the Pareto scatter the whole front plus a
 * deterministic sample of about {@value #SCATTER_POINTS} points, heatmaps at most
 * {@value #MAX_BINS}×{@value #MAX_BINS} cells, equity curves about {@value #EQUITY_POINTS} points,
 * trade tables {@value #TRADE_ROWS} rows.
 *
 * <p>Numbers: timestamps become epoch milliseconds (what the charts use); NaN becomes null and ±∞
 * the strings "inf"/"-inf" (JSON has neither).
 */
final class ReportData {
    static final int LEADERBOARD_ROWS = 200;
    static final int SCATTER_POINTS = 20_000;
    static final int MAX_BINS = 30;
    static final int EQUITY_POINTS = 4_000;
    static final int TRADE_ROWS = 500;
    static final int HISTOGRAM_BINS = 40;

    /** Metrics offered in heatmaps and the leaderboard, with "higher is better" flags. */
    static final List<String> HEAT_METRICS = List.of("sharpe", "total_return", "cagr", "sortino", "calmar",
            "max_drawdown", "profit_factor", "win_rate", "trades", "expectancy", "exposure");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper M = new ObjectMapper();

    private final ResultsStore store;

    ReportData(ResultsStore store) {
        this.store = store;
    }

    /**
     * Builds the report document for {@code id}: an experiment id, or a run id (a report of that run).
     *
     * @param candidates number of per-candidate sections (validated runs first, else top sweep rows)
     * @throws InputException when the id is neither an experiment nor a run
     */
    ObjectNode build(String id, int candidates) throws SQLException {
        ObjectNode doc = F.objectNode();
        doc.put("generatedAt", Instant.now().toString());
        doc.put("schemaVersion", store.schemaVersion());
        Experiment e = store.experiment(id).orElse(null);
        String runOnly = null;
        if (e == null) {
            ArrayNode r = rows("SELECT run_id, experiment_id FROM runs WHERE run_id = ?", id);
            if (r.isEmpty()) {
                throw new InputException("no experiment or run '" + id + "' in " + store.file()
                        + " (vq experiments list shows what there is)");
            }
            runOnly = id;
            String exp = r.get(0).path("experiment_id").asText(null);
            if (exp != null && !r.get(0).path("experiment_id").isNull()) e = store.experiment(exp).orElse(null);
        }
        doc.put("id", id);
        doc.set("experiment", e == null ? F.nullNode() : experimentNode(e));
        String expId = e == null ? null : e.experimentId();

        // screen
        if (expId != null && count("SELECT count(*) FROM sweep_results WHERE experiment_id = ?", expId) > 0) {
            doc.set("sweep", sweep(expId));
        } else {
            doc.putNull("sweep");
        }
        // filters
        if (expId != null && count("SELECT count(*) FROM filters WHERE experiment_id = ?", expId) > 0) {
            ObjectNode f = F.objectNode();
            f.set("funnel", rows("SELECT stage, filter, n_in, survivors FROM filter_funnel WHERE experiment_id = ? ORDER BY stage", expId));
            f.set("summary", rows("SELECT stage, filter, count(*) AS judged, count(*) FILTER (WHERE passed) AS passed, "
                    + "median(value) AS median_value, any_value(threshold) AS threshold FROM filters WHERE experiment_id = ? "
                    + "GROUP BY stage, filter ORDER BY stage", expId));
            doc.set("filters", f);
        } else {
            doc.putNull("filters");
        }
        // walk-forward
        if (expId != null && count("SELECT count(*) FROM walk_forward WHERE experiment_id = ?", expId) > 0) {
            doc.set("walkForward", rows("SELECT symbol, scheme, epoch_ms(ts) AS t, oos_equity FROM walk_forward_stitched "
                    + "WHERE experiment_id = ? ORDER BY symbol, scheme, ts", expId));
            doc.set("walkForwardWindows", rows("SELECT symbol, scheme, window_no, epoch_ms(train_from) AS train_from, "
                    + "epoch_ms(train_to) AS train_to, epoch_ms(test_from) AS test_from, epoch_ms(test_to) AS test_to, param_set_id, "
                    + "is_return, oos_return, oos_sharpe FROM walk_forward WHERE experiment_id = ? ORDER BY symbol, scheme, window_no", expId));
        } else {
            doc.putNull("walkForward");
        }
        // candidates: validated runs first, else the top of the sweep
        ArrayNode cands = F.arrayNode();
        ArrayNode runs = runOnly != null
                ? rows("SELECT * EXCLUDE (started_at, finished_at) FROM runs WHERE run_id = ?", runOnly)
                : expId == null ? F.arrayNode()
                : rows("SELECT * EXCLUDE (started_at, finished_at) FROM runs WHERE experiment_id = ? "
                        + "ORDER BY sharpe DESC NULLS LAST, run_id LIMIT ?", expId, candidates);
        for (JsonNode r : runs) cands.add(runCandidate((ObjectNode) r, expId));
        if (runs.isEmpty() && expId != null && doc.get("sweep").isObject()) {
            ArrayNode top = rows("SELECT * FROM sweep_ranked WHERE experiment_id = ? "
                    + "ORDER BY pareto_rank NULLS LAST, sharpe DESC NULLS LAST, param_set_id, symbol LIMIT ?", expId, candidates);
            for (JsonNode s : top) {
                ObjectNode c = F.objectNode();
                c.put("title", "parameter set " + s.get("param_set_id").asLong() + " · " + s.get("symbol").asText());
                c.set("screen", s);
                c.putNull("run");
                c.set("filters", filterBadges(expId, s.get("param_set_id").asLong(), s.get("symbol").asText()));
                cands.add(c);
            }
        }
        doc.set("candidates", cands);
        doc.put("validatedRuns", expId == null ? runs.size() : count("SELECT count(*) FROM runs WHERE experiment_id = ?", expId));
        return doc;
    }

    private ObjectNode experimentNode(Experiment e) {
        ObjectNode n = F.objectNode();
        n.put("id", e.experimentId());
        n.put("name", e.name());
        n.put("kind", e.kind());
        n.put("strategy", e.strategy());
        n.put("configYaml", e.configYaml());
        n.set("paramSpace", parseJson(e.paramSpaceJson()));
        ArrayNode syms = n.putArray("symbols");
        if (e.symbols() != null) e.symbols().forEach(syms::add);
        n.put("barInterval", e.barInterval());
        if (e.dataFromNanos() != null) n.put("dataFrom", e.dataFromNanos() / 1_000_000);
        if (e.dataToNanos() != null) n.put("dataTo", e.dataToNanos() / 1_000_000);
        n.put("method", e.method());
        if (e.seed() != null) n.put("seed", e.seed());
        if (e.paramSets() != null) n.put("paramSets", e.paramSets());
        n.put("codeVersion", e.codeVersion());
        n.set("dataChecksums", parseJson(e.dataChecksumsJson()));
        n.put("status", e.status());
        n.put("startedAt", e.startedAt().toString());
        if (e.finishedAt() != null) n.put("finishedAt", e.finishedAt().toString());
        return n;
    }

    // ------------------------------------------------------------------ screen

    private ObjectNode sweep(String expId) throws SQLException {
        ObjectNode s = F.objectNode();
        long n = count("SELECT count(*) FROM sweep_results WHERE experiment_id = ?", expId);
        s.put("rows", n);
        s.put("paramSets", count("SELECT count(DISTINCT param_set_id) FROM sweep_results WHERE experiment_id = ?", expId));
        s.put("front", count("SELECT count(*) FROM sweep_results WHERE experiment_id = ? AND pareto_rank = 1", expId));
        s.put("passingConstraints", count("SELECT count(*) FROM sweep_results WHERE experiment_id = ? AND passes_constraints", expId));
        ArrayNode symbols = s.putArray("symbols");
        for (JsonNode r : rows("SELECT DISTINCT symbol FROM sweep_results WHERE experiment_id = ? ORDER BY symbol", expId)) {
            symbols.add(r.get("symbol").asText());
        }
        List<String> params = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        for (JsonNode r : rows("SELECT k, bool_and(json_type(params, '$.\"' || k || '\"') IN ('BIGINT', 'UBIGINT', 'DOUBLE')) AS num "
                + "FROM (SELECT params, unnest(json_keys(params)) AS k FROM sweep_results WHERE experiment_id = ?) "
                + "GROUP BY k ORDER BY k", expId)) {
            params.add(r.get("k").asText());
            if (r.get("num").asBoolean()) numeric.add(r.get("k").asText());
        }
        // keep the parameter order of the experiment's parameter space when it has one
        params.sort((a, b) -> Integer.compare(order(expId, a), order(expId, b)));
        numeric.sort((a, b) -> Integer.compare(order(expId, a), order(expId, b)));
        ArrayNode pn = s.putArray("params");
        params.forEach(pn::add);
        s.set("leaderboard", rows("SELECT * EXCLUDE (experiment_id) FROM sweep_ranked WHERE experiment_id = ? "
                + "ORDER BY pareto_rank NULLS LAST, sharpe DESC NULLS LAST, param_set_id, symbol LIMIT ?", expId, LEADERBOARD_ROWS));
        long stride = Math.max(1, (n + SCATTER_POINTS - 1) / SCATTER_POINTS);
        s.put("scatterSampled", stride > 1);
        s.set("scatter", rows("SELECT param_set_id, symbol, sharpe, max_drawdown, profit_factor, trades, pareto_rank, params "
                + "FROM sweep_results WHERE experiment_id = ? AND (pareto_rank = 1 OR hash(param_set_id, symbol) % ? = 0) "
                + "ORDER BY param_set_id, symbol", expId, stride));
        s.set("heatmaps", heatmaps(expId, numeric));
        return s;
    }

    private final java.util.Map<String, List<String>> spaceOrder = new java.util.HashMap<>();

    private int order(String expId, String param) {
        List<String> keys = spaceOrder.computeIfAbsent(expId, k -> {
            List<String> l = new ArrayList<>();
            try {
                JsonNode space = parseJson(store.experiment(k).map(Experiment::paramSpaceJson).orElse(null));
                space.fieldNames().forEachRemaining(l::add);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return l;
        });
        int i = keys.indexOf(param);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /**
     * For each pair of numeric parameters (at most the first five parameters: ten pairs): the median of
     * every metric in {@link #HEAT_METRICS} over the other parameters and symbols, per (x, y) cell.
     * Axes with more than {@value #MAX_BINS} distinct values are cut into at most {@value #MAX_BINS} equal-width
     * bins (whole-number widths for integer parameters); a cell's x/y is its bin start, the width goes alongside.
     */
    private ArrayNode heatmaps(String expId, List<String> numeric) throws SQLException {
        ArrayNode out = F.arrayNode();
        List<String> ps = numeric.subList(0, Math.min(5, numeric.size()));
        java.util.Map<String, String> binExpr = new java.util.HashMap<>();
        java.util.Map<String, Double> width = new java.util.HashMap<>();
        java.util.Map<String, Boolean> ints = new java.util.HashMap<>();
        for (String p : ps) {
            String v = "CAST(json_extract(params, '$.\"" + p.replace("'", "''").replace("\"", "") + "\"') AS DOUBLE)";
            JsonNode st = rows("SELECT count(DISTINCT " + v + ") AS d, min(" + v + ") AS lo, max(" + v + ") AS hi, "
                    + "bool_and(" + v + " = floor(" + v + ")) AS ints FROM sweep_results WHERE experiment_id = ?", expId).get(0);
            double lo = st.get("lo").asDouble(), hi = st.get("hi").asDouble();
            boolean integer = st.get("ints").asBoolean();
            ints.put(p, integer);
            if (st.get("d").asLong() <= MAX_BINS || !(hi > lo)) {
                binExpr.put(p, v);
            } else if (integer) {
                // integer bins [start, start + w): whole numbers, so labels read "5–8"
                long w = (long) Math.ceil((hi - lo + 1) / MAX_BINS);
                binExpr.put(p, "(" + lo + " + floor((" + v + " - " + lo + ") / " + w + ") * " + w + ")");
                width.put(p, (double) w);
            } else {
                double w = (hi - lo) / MAX_BINS;
                binExpr.put(p, "(" + lo + " + least(floor((" + v + " - " + lo + ") / " + w + "), " + (MAX_BINS - 1) + ") * " + w + ")");
                width.put(p, w);
            }
        }
        StringBuilder aggs = new StringBuilder();
        for (String m : HEAT_METRICS) {
            // infinite profit factors (no losing trade) would make a median meaningless: cap at 100 for the map
            String col = m.equals("profit_factor") ? "least(profit_factor, 100)" : m;
            aggs.append(", median(").append(col).append(") FILTER (WHERE isfinite(").append(col).append(")) AS ").append(m);
        }
        for (int i = 0; i < ps.size(); i++) {
            for (int j = i + 1; j < ps.size(); j++) {
                String px = ps.get(i), py = ps.get(j);
                ObjectNode h = F.objectNode();
                h.put("x", px);
                h.put("y", py);
                if (width.containsKey(px)) h.put("xWidth", width.get(px));
                if (width.containsKey(py)) h.put("yWidth", width.get(py));
                h.put("xInts", ints.get(px));
                h.put("yInts", ints.get(py));
                h.set("cells", rows("SELECT " + binExpr.get(px) + " AS x, " + binExpr.get(py) + " AS y, count(*) AS n" + aggs
                        + " FROM sweep_results WHERE experiment_id = ? GROUP BY ALL ORDER BY x, y", expId));
                out.add(h);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ candidates

    private ObjectNode runCandidate(ObjectNode run, String expId) throws SQLException {
        String runId = run.get("run_id").asText();
        ObjectNode c = F.objectNode();
        c.put("title", "run " + runId + (run.path("param_set_id").isNull() ? "" : " · parameter set " + run.get("param_set_id").asLong())
                + " · " + run.get("symbol").asText());
        c.set("run", run);
        JsonNode ps = run.get("param_set_id");
        if (expId != null && ps != null && !ps.isNull()) {
            ArrayNode s = rows("SELECT * FROM sweep_ranked WHERE experiment_id = ? AND param_set_id = ? AND symbol = ?",
                    expId, ps.asLong(), run.get("symbol").asText());
            c.set("screen", s.isEmpty() ? F.nullNode() : s.get(0));
            c.set("comparison", rows("SELECT metric, screen, validate, change FROM screen_vs_validate WHERE run_id = ? "
                    + "ORDER BY metric_order", runId));
            c.set("filters", filterBadges(expId, ps.asLong(), run.get("symbol").asText()));
        } else {
            c.putNull("screen");
            c.putNull("comparison");
            c.putNull("filters");
        }
        long points = count("SELECT count(*) FROM equity WHERE run_id = ?", runId);
        if (points > 0) {
            long stride = Math.max(1, (points + EQUITY_POINTS - 1) / EQUITY_POINTS);
            // per bucket of `stride` samples: the last equity and the deepest drawdown, so no trough is lost
            c.set("equity", rows("SELECT epoch_ms(max(ts)) AS t, arg_max(equity, ts) AS equity, max(drawdown) AS drawdown FROM "
                    + "(SELECT ts, equity, drawdown, (row_number() OVER (ORDER BY ts) - 1) // ? AS b FROM equity WHERE run_id = ?) "
                    + "GROUP BY b ORDER BY b", stride, runId));
            // monthly return = last equity of the month / last equity of the previous month (first month: / first sample) − 1
            c.set("monthly", rows("WITH m AS (SELECT date_trunc('month', ts) AS month, arg_max(equity, ts) AS close, "
                    + "arg_min(equity, ts) AS first FROM equity WHERE run_id = ? GROUP BY 1) "
                    + "SELECT year(month) AS year, month(month) AS month, "
                    + "close / coalesce(lag(close) OVER (ORDER BY month), first) - 1 AS ret FROM m ORDER BY month", runId));
        } else {
            c.putNull("equity");
            c.putNull("monthly");
        }
        long trades = count("SELECT count(*) FROM trades WHERE run_id = ?", runId);
        c.put("tradeCount", trades);
        if (trades > 0) {
            c.set("trades", rows("SELECT trade_no, symbol, side, epoch_ms(entry_ts) AS entry, epoch_ms(exit_ts) AS exit, entry_price, "
                    + "exit_price, qty, gross_pnl, fees, funding, slippage, net_pnl, r_multiple, exit_reason FROM trades "
                    + "WHERE run_id = ? ORDER BY trade_no LIMIT ?", runId, TRADE_ROWS));
            c.set("pnlHistogram", histogram(runId));
            c.set("costs", rows("SELECT gross_pnl, fees, funding, slippage, net_pnl FROM run_costs WHERE run_id = ?", runId).get(0));
            c.set("exitReasons", rows("SELECT coalesce(exit_reason, 'open') AS reason, count(*) AS n, sum(net_pnl) AS net_pnl "
                    + "FROM trades WHERE run_id = ? GROUP BY 1 ORDER BY n DESC", runId));
        } else {
            c.putNull("trades");
            c.putNull("pnlHistogram");
            c.putNull("costs");
        }
        return c;
    }

    /** Net PnL histogram of closed trades: {@value #HISTOGRAM_BINS} equal-width bins between the min and max. */
    private ObjectNode histogram(String runId) throws SQLException {
        List<Double> v = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT net_pnl FROM trades WHERE run_id = ? AND net_pnl IS NOT NULL AND isfinite(net_pnl)")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) v.add(rs.getDouble(1));
            }
        }
        ObjectNode h = F.objectNode();
        if (v.isEmpty()) return h;
        double lo = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        int bins = lo == hi ? 1 : Math.min(HISTOGRAM_BINS, Math.max(5, (int) Math.ceil(Math.sqrt(v.size()))));
        double w = lo == hi ? 1 : (hi - lo) / bins;
        long[] counts = new long[bins];
        for (double x : v) counts[Math.min(bins - 1, (int) ((x - lo) / w))]++;
        h.put("lo", lo);
        h.put("width", w);
        ArrayNode c = h.putArray("counts");
        Arrays.stream(counts).forEach(c::add);
        return h;
    }

    private Boolean anyFilters;

    /** The filter verdicts of one (set, symbol); null when no filter ran for the whole experiment. */
    private JsonNode filterBadges(String expId, long paramSetId, String symbol) throws SQLException {
        if (anyFilters == null) anyFilters = count("SELECT count(*) FROM filters WHERE experiment_id = ?", expId) > 0;
        if (!anyFilters) return F.nullNode();
        return rows("SELECT stage, filter, passed, value, threshold, CAST(detail AS VARCHAR) AS detail FROM filters "
                + "WHERE experiment_id = ? AND param_set_id = ? AND symbol = ? ORDER BY stage", expId, paramSetId, symbol);
    }

    // ------------------------------------------------------------------ JDBC → JSON

    private long count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = store.connection().prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }

    /** Runs a query and returns its rows as JSON objects keyed by column label. */
    ArrayNode rows(String sql, Object... args) throws SQLException {
        ArrayNode out = F.arrayNode();
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            while (rs.next()) {
                ObjectNode o = F.objectNode();
                for (int i = 1; i <= n; i++) {
                    String name = md.getColumnLabel(i);
                    Object v = rs.getObject(i);
                    String type = md.getColumnTypeName(i);
                    if (v == null) o.putNull(name);
                    else if ("JSON".equals(type)) o.set(name, parseJson(v.toString()));
                    else if (v instanceof Double d) putDouble(o, name, d);
                    else if (v instanceof Float f) putDouble(o, name, f.doubleValue());
                    else if (v instanceof Long l) o.put(name, l);
                    else if (v instanceof Integer x) o.put(name, x);
                    else if (v instanceof Short x) o.put(name, x);
                    else if (v instanceof Byte x) o.put(name, x);
                    else if (v instanceof java.math.BigInteger b) o.put(name, b.longValue());
                    else if (v instanceof java.math.BigDecimal b) putDouble(o, name, b.doubleValue());
                    else if (v instanceof Boolean b) o.put(name, b);
                    else if (md.getColumnType(i) == Types.ARRAY) {
                        ArrayNode a = o.putArray(name);
                        Object arr = ((java.sql.Array) v).getArray();
                        for (Object x : (Object[]) arr) a.add(x == null ? null : x.toString());
                    } else o.put(name, v.toString());
                }
                out.add(o);
            }
        }
        return out;
    }

    static void putDouble(ObjectNode o, String name, double d) {
        if (Double.isNaN(d)) o.putNull(name);
        else if (Double.isInfinite(d)) o.put(name, d > 0 ? "inf" : "-inf");
        else o.put(name, d);
    }

    static JsonNode parseJson(String s) {
        if (s == null || s.isBlank()) return F.nullNode();
        try {
            return M.readTree(s);
        } catch (java.io.IOException e) {
            return F.textNode(s);
        }
    }
}
