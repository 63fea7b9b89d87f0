package vq.cli.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.data.Gap;
import vq.data.Verifier;

/** {@code vq data verify}: re-check the catalog. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check datasets in the catalog: segment checksums against the manifests, raw archive present,",
                "timestamp order (duplicates, steps back), OHLC consistency, finite/non-negative values; gaps are listed",
                "(exact ranges) but are not errors. Exit code 1 if any dataset has problems."})
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "KEY", description = "Dataset keys venue/market/symbol/dataset/interval (default: all).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--symbol", description = "Only this symbol.") String symbol;

    @Override public Integer call() {
        Catalog cat = Catalog.open(((VqCommand) spec.root().userObject()).workspace().catalog());
        List<DatasetKey> todo = new ArrayList<>();
        if (keys.isEmpty()) {
            for (DatasetKey k : cat.list()) if (symbol == null || k.symbol().equalsIgnoreCase(symbol)) todo.add(k);
        } else for (String k : keys) todo.add(DatasetKey.parse(k));
        if (todo.isEmpty()) {
            System.out.println("nothing to verify: catalog " + cat.root() + " has no matching dataset");
            return 0;
        }
        int bad = 0;
        for (DatasetKey k : todo) {
            Verifier.Result r = Verifier.verify(cat, k);
            System.out.printf("%-44s %,13d rows  %s%s%n", k, r.rows(), r.ok() ? "ok" : r.problems().size() + " problem(s)",
                    r.gaps().isEmpty() ? "" : ", " + r.gaps().size() + " gap(s)");
            for (String p : r.problems()) System.out.println("    problem: " + p);
            for (Gap g : r.gaps()) System.out.println("    gap: " + g);
            if (!r.ok()) bad++;
        }
        System.out.println(bad == 0 ? "verify: all " + todo.size() + " dataset(s) ok" : "verify: " + bad + " of " + todo.size() + " dataset(s) have problems");
        return bad == 0 ? 0 : 1;
    }
}
