package vq.cli.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.data.synth.SyntheticMarket;
import vq.data.synth.SyntheticWriter;

/** {@code vq data synth}: writes a deterministic synthetic market as Binance Vision files. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a deterministic synthetic USD-M market (1m klines + 8h funding) as Binance Vision ZIPs.",
                "Symbols are always prefixed SYN (BTCUSDT -> SYNBTCUSDT) and OUT/README.txt says the data are synthetic.",
                "Same --seed, symbols and range => the same files byte for byte."})
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--symbols", split = ",", paramLabel = "SYM",
            description = "Symbols (default: ${DEFAULT-VALUE}); BTC/ETH/SOL get their typical price, vol and tick.",
            defaultValue = "SYNBTCUSDT,SYNETHUSDT,SYNSOLUSDT")
    List<String> symbols;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM[-DD]", description = "First UTC day or month.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM[-DD]", description = "Last UTC day or month (inclusive).")
    String to;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (Binance Vision layout under DIR/data).")
    Path out;

    @Override public Integer call() {
        LocalDate f = Periods.fromDay(from, "--from"), t = Periods.toDay(to, "--to");
        List<SyntheticMarket.SymbolSpec> specs = new ArrayList<>();
        for (String s : symbols) specs.add(SyntheticMarket.SymbolSpec.defaults(s.strip()));
        SyntheticWriter.Result r = generate(specs, f, t, seed, out.toAbsolutePath().normalize());
        System.out.printf("wrote SYNTHETIC market (seed %d) for %s, %s .. %s: %d kline ZIPs (%,d 1m bars per symbol), "
                        + "%d fundingRate ZIPs (%d events per symbol) under %s%n",
                seed, String.join(",", specs.stream().map(SyntheticMarket.SymbolSpec::symbol).toList()), f, t,
                r.klineFiles().size(), r.barsPerSymbol(), r.fundingFiles().size(), r.fundingPerSymbol(), r.root());
        return 0;
    }

    /** Generates with a progress bar on stderr (also used by {@code vq demo}). */
    public static SyntheticWriter.Result generate(List<SyntheticMarket.SymbolSpec> specs, LocalDate from, LocalDate to, long seed, Path out) {
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        try (ProgressBar pb = Progress.bar("synth", Math.max(days, 0), " days")) {
            return SyntheticWriter.write(specs, from, to, seed, out, pb::stepTo);
        }
    }
}
