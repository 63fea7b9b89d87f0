package vq.optimizer.store;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code experiments}: what was run, on what data, with which code (DESIGN.md §9).
 *
 * @param experimentId    unique id, e.g. {@code sma_cross-20261121T120501Z-3fa2} ({@link #newId})
 * @param name            human label
 * @param kind            {@code screen}, {@code optimize}, {@code discover} or {@code validate}
 * @param strategy        strategy name, or null
 * @param configYaml      the resolved config (strategy/experiment YAML) as run, or null
 * @param paramSpaceJson  resolved parameter space as a JSON object, or null
 * @param symbols         symbols, or null
 * @param barInterval     bar interval, e.g. {@code 1m}, or null
 * @param dataFromNanos   first bar open time used (epoch ns UTC), or null
 * @param dataToNanos     last bar open time used (epoch ns UTC), or null
 * @param method          sampling method ({@code grid}, {@code random}, {@code tpe}, ...), or null
 * @param seed            random seed, or null
 * @param paramSets       number of parameter sets, or null
 * @param codeVersion     vq version / git commit, or null
 * @param dataChecksumsJson JSON object of input checksums, or null
 * @param status          {@code running}, {@code finished} or {@code failed}
 * @param startedAt       start time (UTC)
 * @param finishedAt      finish time (UTC), or null while running
 */
public record Experiment(String experimentId, String name, String kind, String strategy, String configYaml,
        String paramSpaceJson, List<String> symbols, String barInterval, Long dataFromNanos, Long dataToNanos,
        String method, Long seed, Long paramSets, String codeVersion, String dataChecksumsJson, String status,
        Instant startedAt, Instant finishedAt) {

    public Experiment {
        if (experimentId == null || experimentId.isBlank()) throw new IllegalArgumentException("experimentId is empty");
        if (!experimentId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("experiment id '" + experimentId
                    + "' may only hold letters, digits, '.', '_' and '-' (it names a directory under reports/)");
        }
        if (name == null) name = experimentId;
        if (kind == null) throw new IllegalArgumentException("experiment " + experimentId + ": kind is null");
        if (status == null) status = "running";
        if (startedAt == null) throw new IllegalArgumentException("experiment " + experimentId + ": startedAt is null");
        symbols = symbols == null ? null : List.copyOf(symbols);
    }

    /**
     * A fresh id {@code <label>-<yyyyMMdd'T'HHmmss'Z'>-<4 hex>} from a label (sanitised), the start
     * time and a 16-bit discriminator (e.g. a hash of the config and seed, for determinism).
     */
    public static String newId(String label, Instant startedAt, int discriminator) {
        String l = label == null || label.isBlank() ? "exp" : label.replaceAll("[^A-Za-z0-9._-]+", "_");
        String t = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(startedAt);
        return l + "-" + t + "-" + String.format("%04x", discriminator & 0xffff);
    }
}
