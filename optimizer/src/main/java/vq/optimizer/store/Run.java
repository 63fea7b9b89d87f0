package vq.optimizer.store;

import java.time.Instant;

/**
 * One row of {@code runs}: a validation run of the event simulator (DESIGN.md §9).
 *
 * @param runId              unique id
 * @param experimentId       the screened experiment it validates, or null for a single run
 * @param paramSetId         the sweep's parameter set id, or null
 * @param symbol             symbol (for a shared-account multi-symbol run: {@code "BTCUSDT,ETHUSDT"})
 * @param paramsJson         parameters as a JSON object, or null
 * @param fidelity           {@code screening} or {@code realistic}
 * @param latency            latency preset, or null
 * @param sizing             sizing module, or null
 * @param risk               risk module, or null
 * @param initialEquity      starting equity (USDT)
 * @param finalEquity        ending equity (USDT)
 * @param metrics            metric values indexed by {@link Metric#ordinal()}, length {@link Metric#COUNT}
 * @param executionSensitive true when Sharpe or return degraded by more than 50 % vs the screen, null if unknown
 * @param startedAt          start time (UTC)
 * @param finishedAt         finish time (UTC), or null
 */
public record Run(String runId, String experimentId, Long paramSetId, String symbol, String paramsJson,
        String fidelity, String latency, String sizing, String risk, double initialEquity, double finalEquity,
        double[] metrics, Boolean executionSensitive, Instant startedAt, Instant finishedAt) {}
