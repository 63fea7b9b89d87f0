package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The remaining validator messages, one YAML snippet each (file:line:col checked against the snippet). */
class ParserMessagesTest {
    static final String H = "name: x\ntimeframe: 1m\n";
    static final String IND = "indicators:\n  r: {type: rsi}\n";
    static final String ENTRY = "entry: {long: r < 30}\n";

    record Case(String yaml, String message) {}

    static final List<Case> CASES = List.of(
            new Case(H + "indicators:\n  r: {type: rsi, params: {period: .nan}}\n" + ENTRY, "r.period must be finite, got NaN at strategy.yaml:4:35"),
            new Case(H + "indicators:\n  r: {type: rsi, params: {period: 1_4}}\n" + ENTRY, null),
            new Case("name: x\ntimeframe: 7m\n" + IND + ENTRY,
                    "timeframe: interval 7m does not divide a UTC day (use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h or 1d) at strategy.yaml:2:12"),
            new Case(H + "indicators:\n  r: {type: rsi, timeframe: 1w}\n" + ENTRY,
                    "indicators.r.timeframe: interval 1w does not divide a UTC day (use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h or 1d) at strategy.yaml:4:29"),
            new Case(H + "version: 0\n" + IND + ENTRY, "version must be a positive integer, got 0 at strategy.yaml:3:10"),
            new Case(H + IND + "entry: {long: \"\"}\n", "empty condition (expected e.g. 'rsi < 30') at strategy.yaml:5:16"),
            new Case(H + IND + ENTRY + "---\nname: y\n", "a second YAML document is not allowed at strategy.yaml:7:1"),
            new Case(H + IND + "entry: {long: 1 between 0 2}\n", "condition '1 between 0 2' compares only constants at strategy.yaml:5:15"),
            new Case(H + IND + ENTRY + "time_filters: {sessions: [{start: \"08:00\", end: \"08:00\"}]}\n",
                    "session start equals end (an empty session) at strategy.yaml:6:27"),
            new Case(H + IND + ENTRY + "time_filters: {sessions: [{start: \"25:00\", end: \"08:00\"}]}\n",
                    "session time out of range: '25:00' (00:00 … 23:59, or 24:00 as an end) at strategy.yaml:6:35"),
            new Case(H + IND + ENTRY + "time_filters: {avoid_around_funding: {enabled: true}}\n",
                    "avoid_around_funding needs minutes_before and/or minutes_after > 0 at strategy.yaml:6:38"),
            new Case(H + IND + ENTRY + "position: {sizing: {method: kelly, fraction: 0.5, indicator: r}}\n",
                    "position.sizing.indicator applies only to method atr at strategy.yaml:6:51"),
            new Case(H + IND + ENTRY + "position: {sizing: {method: kelly, fraction: 1.5}}\n",
                    "position.sizing.fraction must be in (0, 1], got 1.5 at strategy.yaml:6:46"),
            new Case(H + IND + ENTRY + "stop_loss: {percent: 2}\n", "stop_loss needs 'type' at strategy.yaml:6:12"),
            new Case(H + "params: {p: 1}\n" + IND + ENTRY + "sweep: {p: [1, 2]}\nconstraints: [p < 5]\n", null),
            new Case(H + "params: {p: {default: 1, sweep: [1, 2]}}\n" + IND + ENTRY + "sweep: {p: [3, 4]}\n",
                    "parameter 'p' is swept twice (also at strategy.yaml:3:33) at strategy.yaml:7:9"),
            new Case(H + "params: {p-q: 1}\n" + IND + ENTRY, "parameter name 'p-q' must be an identifier (letters, digits, _) at strategy.yaml:3:10"),
            new Case(H + "indicators:\n  r-1: {type: rsi}\n" + ENTRY, "indicator name 'r-1' must be an identifier (letters, digits, _) at strategy.yaml:4:3"),
            new Case(H + "indicators: {}\n" + ENTRY, "indicators must declare at least one indicator at strategy.yaml:3:13"),
            new Case(H + IND + ENTRY + "parameters_schema: {r.period: {type: int}}\n",
                    "unknown schema type 'int' (expected integer, float, boolean, string, choice, session_list, day_list) at strategy.yaml:6:38; did you mean 'integer'?"),
            new Case(H + IND + ENTRY + "parameters_schema: {r.period: {type: integer, min: 5, max: 2}}\n",
                    "parameters_schema.r.period: min > max at strategy.yaml:6:52"),
            new Case(H + IND + ENTRY + "sweep: {r.period: {min: 2, max: 9, step: 1, type: int}}\n",
                    "sweep of 'r.period': type applies to {min, max, distribution}; a step range takes its type from the parameter at strategy.yaml:6:45"),
            new Case(H + IND + ENTRY + "sweep: {r.period: {min: 2, max: 9, step: 1, distribution: uniform}}\n",
                    "sweep of 'r.period': give either step (grid) or distribution (random), not both at strategy.yaml:6:45"),
            new Case(H + IND + ENTRY + "sweep: {r.period: {min: 2.5, max: 9, distribution: uniform, type: int}}\n",
                    "sweep of 'r.period': type int needs whole min and max at strategy.yaml:6:67"),
            new Case(H + IND + ENTRY + "sweep: {r.period: {min: 2, max: 9, distribution: uniform, type: float}}\n",
                    "r.period needs integers; its sweep says type: float at strategy.yaml:6:9"),
            new Case(H + IND + "entry: {short: r > 70}\nposition: {side: long}\n", "entry.short is given but position.side is long at strategy.yaml:5:1"),
            new Case(H + IND + "entry: {long: r < 30}\nposition: {side: short}\n", "entry.long is given but position.side is short at strategy.yaml:5:1"),
            new Case(H + IND + "entry: {}\n", "entry needs long and/or short conditions at strategy.yaml:5:1"),
            new Case(H + "params: {p: 1}\nconstraints: [\"1 < 2\"]\n" + IND + ENTRY, "constraint '1 < 2' compares only numbers at strategy.yaml:4:16"),
            new Case(H + "params: {p: 1}\nconstraints: [\"p < 2 < 3\"]\n" + IND + ENTRY,
                    "constraint 'p < 2 < 3' must be '<param> <op> <param|number>' with op one of <, <=, >, >=, ==, != at strategy.yaml:4:16"),
            new Case(H + "params: {p: 1}\nconstraints: [\"p =< 2\"]\n" + IND + ENTRY,
                    "unknown constraint operator '=<' (expected <, <=, >, >=, ==, !=) at strategy.yaml:4:18"),
            new Case(H + IND + "entry: {long: r < 30}\nexit: {long: {any: []}}\n", "exit.long.any is an empty list at strategy.yaml:6:20"),
            new Case(H + IND + ENTRY + "take_profit: {type: atr, atr_multiplier: 2, indicator: r.nope}\n",
                    "indicator 'r' has no field 'nope' (fields: rsi) at strategy.yaml:6:56"),
            new Case(H + "params: {p: {default: 2.5, type: int}}\n" + IND + ENTRY, "parameter 'p' is an integer but its default is 2.5 at strategy.yaml:3:10"),
            new Case(H + "params: {p: {default: 1, sweep: {min: 0.5, max: 3, step: 0.5}, type: int}}\n" + IND + ENTRY,
                    "parameter 'p' is an integer but its sweep {min: 0.5, max: 3, step: 0.5} is not at strategy.yaml:3:10"),
            new Case(H + "params: {p: {default: 1, sweep: {min: 1, max: 3, step: 1}, type: real}}\n" + IND + ENTRY,
                    "params.p.type must be int or float, got 'real' at strategy.yaml:3:66"));

    @Test void everyMessage() {
        for (Case c : CASES) {
            if (c.message() == null) {
                StrategyParser.parse(c.yaml(), "strategy.yaml", RegistryTypes.DEFAULT); // valid: a top-level sweep of a declared parameter
                continue;
            }
            String got = assertThrows(StrategyException.class, () -> StrategyParser.parse(c.yaml(), "strategy.yaml", RegistryTypes.DEFAULT),
                    c.yaml()).getMessage();
            assertEquals(c.message(), got, c.yaml());
        }
    }
}
