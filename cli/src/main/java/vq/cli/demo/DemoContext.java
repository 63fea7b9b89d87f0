package vq.cli.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.cli.Workspace;
import vq.columnar.Catalog;

/**
 * What the demo steps share: the workspace, its catalog, where the synthetic input lives, the symbols, and a
 * place to leave results for later steps ({@link #put}/{@link #get}) and lines for the final summary.
 */
public final class DemoContext {
    private final Workspace workspace;
    private final Catalog catalog;
    private final PrintStream out;
    private final List<String> summary = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    DemoContext(Workspace workspace, PrintStream out) {
        this.workspace = workspace;
        this.catalog = Catalog.open(workspace.catalog());
        this.out = out;
    }

    public Workspace workspace() { return workspace; }

    public Catalog catalog() { return catalog; }

    /** Where the step prints its own lines (stdout). */
    public PrintStream out() { return out; }

    /** Directory of the synthetic Binance Vision files. */
    public Path syntheticDir() { return workspace.root().resolve("synthetic"); }

    /** Adds a line to the summary printed at the end ("what it did and where the results are"). */
    public void summary(String line) { summary.add(line); }

    List<String> summaryLines() { return summary; }

    /** Leaves a value for later steps (e.g. the symbols imported, an experiment id). */
    public void put(String key, Object value) { values.put(key, value); }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) { return (T) values.get(key); }
}
