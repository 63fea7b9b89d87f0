package vq.cli.data;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.Rebuilder;

/** {@code vq data rebuild}: recreate the catalog from the raw archive. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Recreate every dataset of the catalog from its manifest's import records and the raw archive",
                "(catalog/raw/), byte for byte; resampled datasets are resampled again. Everything is rebuilt aside first",
                "and swapped in only when all datasets succeeded."})
public final class RebuildCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        Catalog cat = Catalog.open(((VqCommand) spec.root().userObject()).workspace().catalog());
        if (cat.list().isEmpty()) {
            System.out.println("catalog " + cat.root() + " is empty: nothing to rebuild");
            return 0;
        }
        long t0 = System.nanoTime();
        List<Rebuilder.Result> r = Rebuilder.rebuild(cat);
        for (Rebuilder.Result x : r)
            System.out.printf("%-44s %,13d rows %4d segment(s)  %s%n", x.key(), x.rows(), x.segments(),
                    x.identical() ? "identical" : "changed (the old files differed from what their sources give)");
        System.out.printf("rebuilt %d dataset(s) in %.1f s%n", r.size(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
