package vq.kernels.margin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A venue's fee tiers, clearance fees and maintenance-margin brackets, read from a YAML file in
 * {@code configs/venues/} (format documented at the top of {@code configs/venues/binance-futures-um.yaml}).
 * The files under {@code configs/venues/} are also packaged on the classpath as {@code vq/venues/<name>.yaml},
 * so {@link #builtin(String)} works from the jar.
 *
 * <p>Errors: {@link IllegalArgumentException} naming the file, and the line/column (Jackson's location)
 * for syntax and type errors, or the field path (e.g. {@code symbols.BTCUSDT.brackets[3]}) for rule
 * violations such as a maintenance amount that breaks Binance's {@code cum} rule.
 */
public final class VenueSpec {

    /** Name of the Binance USDⓈ-M table shipped with vq. */
    public static final String BINANCE_FUTURES_UM = "binance-futures-um";

    private final String source;
    private final String venue;
    private final String market;
    private final String defaultFeeTier;
    private final Map<String, FeeTier> feeTiers;
    private final Map<String, SymbolSpec> symbols;

    private VenueSpec(String source, String venue, String market, String defaultFeeTier,
                      Map<String, FeeTier> feeTiers, Map<String, SymbolSpec> symbols) {
        this.source = source;
        this.venue = venue;
        this.market = market;
        this.defaultFeeTier = defaultFeeTier;
        this.feeTiers = Collections.unmodifiableMap(feeTiers);
        this.symbols = Collections.unmodifiableMap(symbols);
    }

    // ---- YAML shape (snake_case keys) ----
    record BracketYaml(@JsonProperty(value = "bracket", required = true) int bracket,
                       @JsonProperty(value = "notional_floor", required = true) double notionalFloor,
                       @JsonProperty(value = "notional_cap", required = true) double notionalCap,
                       @JsonProperty(value = "max_leverage", required = true) double maxLeverage,
                       @JsonProperty(value = "maint_margin_rate", required = true) double maintMarginRate,
                       @JsonProperty(value = "maint_amount", required = true) double maintAmount) {}

    record SymbolYaml(@JsonProperty(value = "tick_size", required = true) double tickSize,
                      @JsonProperty(value = "step_size", required = true) double stepSize,
                      @JsonProperty(value = "liquidation_clearance_fee_rate", required = true) double clearanceFeeRate,
                      @JsonProperty(value = "brackets", required = true) List<BracketYaml> brackets) {}

    record FeeYaml(@JsonProperty(value = "tier", required = true) String tier,
                   @JsonProperty(value = "maker_bps", required = true) double makerBps,
                   @JsonProperty(value = "taker_bps", required = true) double takerBps) {}

    record VenueYaml(@JsonProperty(value = "venue", required = true) String venue,
                     @JsonProperty(value = "market", required = true) String market,
                     @JsonProperty("quote") String quote,
                     @JsonProperty(value = "default_fee_tier", required = true) String defaultFeeTier,
                     @JsonProperty(value = "fee_tiers", required = true) List<FeeYaml> feeTiers,
                     @JsonProperty(value = "symbols", required = true) LinkedHashMap<String, SymbolYaml> symbols) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads a venue file.
     *
     * @param file path to the YAML file
     * @return the parsed and checked spec
     * @throws IllegalArgumentException on malformed content (message names file, line/column or field)
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static VenueSpec load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read venue file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a venue table packaged with vq (from {@code configs/venues/<name>.yaml}).
     *
     * @param name e.g. {@link #BINANCE_FUTURES_UM}
     * @throws IllegalArgumentException when no such table is packaged
     */
    public static VenueSpec builtin(String name) {
        String res = "/vq/venues/" + name + ".yaml";
        try (InputStream in = VenueSpec.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("no built-in venue table '" + name + "' (looked for classpath " + res + ")");
            return parse(in, "configs/venues/" + name + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the Binance USDⓈ-M table shipped with vq */
    public static VenueSpec binanceFuturesUm() { return builtin(BINANCE_FUTURES_UM); }

    static VenueSpec parse(InputStream in, String source) throws IOException {
        VenueYaml y;
        try {
            y = YAML.readValue(in, VenueYaml.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new IllegalArgumentException(source + where + ": " + e.getOriginalMessage(), e);
        }
        if (y == null) throw new IllegalArgumentException(source + ": empty venue file");
        Map<String, FeeTier> fees = new LinkedHashMap<>();
        for (int i = 0; i < y.feeTiers().size(); i++) {
            FeeYaml f = y.feeTiers().get(i);
            if (!(f.takerBps() >= 0)) throw new IllegalArgumentException(source + ": fee_tiers[" + i + "].taker_bps must be >= 0, got " + f.takerBps());
            if (fees.put(f.tier(), new FeeTier(f.tier(), f.makerBps(), f.takerBps())) != null) {
                throw new IllegalArgumentException(source + ": fee_tiers[" + i + "] duplicates tier " + f.tier());
            }
        }
        if (!fees.containsKey(y.defaultFeeTier())) {
            throw new IllegalArgumentException(source + ": default_fee_tier " + y.defaultFeeTier() + " is not in fee_tiers " + fees.keySet());
        }
        Map<String, SymbolSpec> symbols = new LinkedHashMap<>();
        for (var e : y.symbols().entrySet()) {
            String sym = e.getKey();
            SymbolYaml s = e.getValue();
            String path = source + ": symbols." + sym;
            if (!(s.tickSize() > 0)) throw new IllegalArgumentException(path + ".tick_size must be > 0");
            if (!(s.stepSize() > 0)) throw new IllegalArgumentException(path + ".step_size must be > 0");
            if (!(s.clearanceFeeRate() >= 0 && s.clearanceFeeRate() < 1)) throw new IllegalArgumentException(path + ".liquidation_clearance_fee_rate must be in [0,1)");
            int n = s.brackets().size();
            double[] floor = new double[n], cap = new double[n], lev = new double[n], mmr = new double[n], cum = new double[n];
            for (int i = 0; i < n; i++) {
                BracketYaml b = s.brackets().get(i);
                if (b.bracket() != i + 1) throw new IllegalArgumentException(path + ".brackets[" + i + "].bracket must be " + (i + 1) + ", got " + b.bracket());
                floor[i] = b.notionalFloor();
                cap[i] = b.notionalCap();
                lev[i] = b.maxLeverage();
                mmr[i] = b.maintMarginRate();
                cum[i] = b.maintAmount();
            }
            MarginBrackets mb;
            try {
                mb = new MarginBrackets(sym, floor, cap, lev, mmr, cum);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(path + ".brackets: " + ex.getMessage(), ex);
            }
            symbols.put(sym, new SymbolSpec(sym, s.tickSize(), s.stepSize(), s.clearanceFeeRate(), mb));
        }
        return new VenueSpec(source, y.venue(), y.market(), y.defaultFeeTier(), fees, symbols);
    }

    /** @return where this spec was read from */
    public String source() { return source; }
    /** @return venue name, e.g. {@code binance} */
    public String venue() { return venue; }
    /** @return market, e.g. {@code futures-um} */
    public String market() { return market; }
    /** @return symbols in file order */
    public List<String> symbolNames() { return new ArrayList<>(symbols.keySet()); }

    /**
     * @throws IllegalArgumentException naming the file and the known symbols when {@code symbol} is absent
     */
    public SymbolSpec symbol(String symbol) {
        SymbolSpec s = symbols.get(symbol);
        if (s == null) throw new IllegalArgumentException(source + ": no margin brackets for symbol " + symbol + " (known: " + symbols.keySet() + ")");
        return s;
    }

    /**
     * Like {@link #symbol(String)}, but a synthetic {@code SYN<symbol>} (vq's generated markets) that is not in
     * the table uses {@code <symbol>}'s entry — the same rule {@code vq screen} applies and states.
     *
     * @throws IllegalArgumentException naming the file and the known symbols when neither exists
     */
    public SymbolSpec resolve(String symbol) {
        if (!symbols.containsKey(symbol) && symbol.startsWith("SYN") && symbols.containsKey(symbol.substring(3)))
            return symbols.get(symbol.substring(3));
        return symbol(symbol);
    }

    /** @return the brackets of {@code symbol} */
    public MarginBrackets brackets(String symbol) { return symbol(symbol).brackets(); }

    /** @return the default fee tier (e.g. VIP0) */
    public FeeTier defaultFeeTier() { return feeTiers.get(defaultFeeTier); }

    /**
     * @throws IllegalArgumentException naming the known tiers when {@code tier} is absent
     */
    public FeeTier feeTier(String tier) {
        FeeTier f = feeTiers.get(tier);
        if (f == null) throw new IllegalArgumentException(source + ": unknown fee tier " + tier + " (known: " + feeTiers.keySet() + ")");
        return f;
    }

    /** @return all fee tiers in file order */
    public List<FeeTier> feeTiers() { return new ArrayList<>(feeTiers.values()); }
}
