package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyParserTest {
    static final String BASE = """
            name: demo
            timeframe: 5m
            params:
              oversold: {default: 30, sweep: [20, 25, 30]}
              period: {default: 14, type: int, sweep: {min: 7, max: 21, step: 7}}
            indicators:
              rsi: {type: rsi, params: {period: $period}}
              macd: {type: macd}
              trend: {type: ema, params: {period: 50}, timeframe: 4h}
              atr: {type: atr}
            entry:
              long:
                - rsi < $oversold
                - any:
                    - close > trend
                    - macd.macd crosses_above macd.signal
            exit:
              long: [rsi > 50]
            stop_loss: {type: atr_trailing, atr_multiplier: 2.0, indicator: atr}
            take_profit: {type: fixed_pct, percent: 3}
            time_filters:
              sessions: [{start: "08:00", end: "20:00", timezone: UTC}]
              blocked_days: [saturday, sun]
              avoid_around_funding: {enabled: true, minutes_before: 5, minutes_after: 10}
            position: {side: long, sizing: {method: fixed_fraction, fraction: 0.5}, leverage: 3, margin_mode: isolated}
            sweep:
              stop_loss.atr_multiplier: {min: 1, max: 3, distribution: uniform, type: float}
              take_profit.percent: [2, 3, 4]
            """;

    static StrategySpec parse(String yaml) {
        return StrategyParser.parse(yaml, "strategy.yaml", TestTypes.INSTANCE);
    }

    static String error(String yaml) {
        return assertThrows(StrategyException.class, () -> parse(yaml)).getMessage();
    }

    @Test void parsesTheFullFormat() {
        StrategySpec s = parse(BASE);
        assertEquals("demo", s.name());
        assertEquals("5m", s.timeframe());
        assertEquals(4, s.indicators().size());
        assertEquals("4h", s.indicators().get("trend").timeframe());
        assertEquals("close", s.indicators().get("rsi").source());
        assertNull(s.indicators().get("atr").source());
        assertEquals(new Value.Const(12), s.indicators().get("macd").params().get("fast"));
        ParameterSpace ps = s.parameters();
        assertEquals(java.util.List.of("oversold", "period", "stop_loss.atr_multiplier", "take_profit.percent"), ps.names());
        assertEquals(ParameterSpace.Type.INT, ps.params().get(1).type());
        assertEquals(ParameterSpace.Type.FLOAT, ps.params().get(2).type());
        Condition.All l = assertInstanceOf(Condition.All.class, s.entry().longSide());
        assertEquals(2, l.items().size());
        Condition.Compare c0 = assertInstanceOf(Condition.Compare.class, l.items().get(0));
        assertEquals(new Operand.Ind("rsi", "rsi"), c0.a());
        assertEquals(new Operand.Param("oversold", 0), c0.b());
        Condition.Any any = assertInstanceOf(Condition.Any.class, l.items().get(1));
        Condition.Compare cross = assertInstanceOf(Condition.Compare.class, any.items().get(1));
        assertEquals(Condition.Op.CROSSES_ABOVE, cross.op());
        assertEquals(new Operand.Ind("macd", "signal"), cross.b());
        assertEquals(StrategySpec.StopKind.ATR_TRAILING, s.stopLoss().kind());
        assertEquals(0.03, s.takeProfit().amount().resolve(ps.defaults()), 1e-15);
        assertEquals(0.04, s.takeProfit().amount().resolve(new double[] {30, 14, 2, 4}), 1e-15);
        assertEquals(java.util.Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), s.timeFilters().blockedDays());
        assertEquals(new StrategySpec.Session(480, 1200), s.timeFilters().sessions().getFirst());
        assertEquals(new StrategySpec.FundingAvoid(5, 10, 8), s.timeFilters().funding());
        assertEquals(StrategySpec.Side.LONG, s.position().side());
        assertEquals(3.0, s.position().leverage().resolve(ps.defaults()));
        assertEquals(7, c0.loc().column());
        assertEquals(13, c0.loc().line());
    }

    @Test void gridAndConstraints() {
        StrategySpec s = parse("""
                name: x
                timeframe: 1m
                params:
                  fast: {default: 5, sweep: {min: 5, max: 100, step: 5}}
                  slow: {default: 20, sweep: {min: 20, max: 400, step: 20}}
                constraints: ["fast < slow", "$slow <= 200"]
                indicators:
                  f: {type: sma, params: {period: $fast}}
                  s: {type: sma, params: {period: $slow}}
                entry: {long: f crosses_above s}
                """);
        ParameterSpace ps = s.parameters();
        assertEquals(20L * 20, ps.gridProduct());
        int n = 0;
        for (Iterator<double[]> it = ps.grid(); it.hasNext(); ) {
            double[] p = it.next();
            assertTrue(p[0] < p[1] && p[1] <= 200);
            n++;
        }
        int expected = 0;
        for (int f = 5; f <= 100; f += 5) for (int sl = 20; sl <= 200; sl += 20) if (f < sl) expected++;
        assertEquals(expected, n);
        double[][] r1 = ps.sample(50, 7), r2 = ps.sample(50, 7);
        for (int i = 0; i < 50; i++) {
            assertEquals(java.util.Arrays.toString(r1[i]), java.util.Arrays.toString(r2[i]));
            assertTrue(ps.accepts(r1[i]));
        }
        assertEquals("fast=5, slow=100", ps.describe(ps.with(Map.of("slow", 100.0))));
        assertTrue(assertThrows(vq.columnar.InputException.class, () -> ps.with(Map.of("fast", 50.0, "slow", 40.0))).getMessage()
                .contains("break the constraint 'fast < slow'"));
    }

    @Test void logUniformIntSamplesStayInRange() {
        StrategySpec s = parse("""
                name: x
                timeframe: 1m
                params:
                  w: {default: 10, sweep: {min: 10, max: 5000, distribution: log_uniform, type: int}}
                indicators: {f: {type: sma, params: {period: $w}}}
                entry: {long: close > f}
                """);
        double[][] sets = s.parameters().sample(2000, 1);
        int below100 = 0;
        for (double[] p : sets) {
            assertTrue(p[0] >= 10 && p[0] <= 5000 && p[0] == Math.rint(p[0]));
            if (p[0] < 100) below100++;
        }
        // log-uniform: P(w < 100) = ln(10)/ln(500) ≈ 0.37
        assertTrue(below100 > 600 && below100 < 880, "below100=" + below100);
        assertTrue(assertThrows(vq.columnar.InputException.class, () -> s.parameters().grid()).getMessage().contains("grid needs"));
    }

    // ------------------------------------------------------------ every error message

    @Test void unknownIndicatorTypeSuggestsNearest() {
        assertEquals("unknown indicator 'rsl' at strategy.yaml:4:13; did you mean 'rsi'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsl}
                entry: {long: r < 30}
                """));
    }

    @Test void unknownOperandSuggestsNearest() {
        assertEquals("unknown indicator 'rsl' at strategy.yaml:5:15; did you mean 'rsi'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  rsi: {type: rsi}
                entry: {long: rsl < 30}
                """));
        // quoted scalar: the column points into the text, after the quote
        assertEquals("unknown indicator 'rsl' at strategy.yaml:5:21; did you mean 'rsi'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  rsi: {type: rsi}
                entry: {long: "30 < rsl"}
                """));
    }

    @Test void unknownFieldSuggestsNearest() {
        assertEquals("indicator 'macd' (macd) has no field 'signl' (fields: macd, signal, hist) at strategy.yaml:6:39; did you mean 'signal'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  macd: {type: macd}
                entry:
                  long: [macd.macd crosses_above macd.signl]
                """));
        // a bare multi-output reference means the registry's default output
        StrategySpec s = parse("name: x\ntimeframe: 1m\nindicators:\n  macd: {type: macd}\nentry: {long: macd > 0}\n");
        assertEquals(new Operand.Ind("macd", "macd"), ((Condition.Compare) s.entry().longSide()).a());
    }

    @Test void unknownKeysAreErrors() {
        assertEquals("unknown key 'indicatrs' in the strategy (expected one of name, description, version, timeframe, params, constraints, "
                + "indicators, entry, exit, stop_loss, take_profit, time_filters, position, sweep, parameters_schema) at strategy.yaml:3:1; did you mean 'indicators'?",
                error("name: x\ntimeframe: 1m\nindicatrs: {}\n"));
        assertEquals("unknown key 'perod' in indicators.r.params (parameters of rsi) (expected one of period) at strategy.yaml:4:27; did you mean 'period'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsi, params: {perod: 3}}
                entry: {long: r < 30}
                """));
        assertEquals("unknown key 'percnt' in stop_loss (type fixed_pct) (expected one of type, percent) at strategy.yaml:6:30; did you mean 'percent'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsi}
                entry: {long: r < 30}
                stop_loss: {type: fixed_pct, percnt: 2}
                """));
    }

    @Test void missingRequiredKeys() {
        assertEquals("the strategy needs 'timeframe' at strategy.yaml:1:1", error("name: x\n"));
        assertEquals("indicators.r needs 'type' at strategy.yaml:4:6", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {params: {period: 3}}
                entry: {long: r < 30}
                """));
    }

    @Test void badValues() {
        String head = "name: x\ntimeframe: 1m\nindicators:\n  r: {type: rsi}\nentry: {long: r < 30}\n";
        assertEquals("timeframe: unknown interval '7q' (expected e.g. 1m, 5m, 15m, 1h, 4h, 1d) at strategy.yaml:2:12", error("name: x\ntimeframe: 7q\n"));
        assertEquals("r.period must be in [2, 100000], got 1 at strategy.yaml:4:35", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsi, params: {period: 1}}
                entry: {long: r < 30}
                """));
        assertEquals("r.period must be a whole number, got 2.5 at strategy.yaml:4:35", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsi, params: {period: 2.5}}
                entry: {long: r < 30}
                """));
        assertEquals("r.period must be a number or a $param, got a string 'abc' at strategy.yaml:4:35", error("""
                name: x
                timeframe: 1m
                indicators:
                  r: {type: rsi, params: {period: abc}}
                entry: {long: r < 30}
                """));
        assertEquals("position.leverage must be in [1, 125], got 200 at strategy.yaml:6:22", error(head + "position: {leverage: 200}\n"));
        assertEquals("position.side must be long, short or both, got 'lng' at strategy.yaml:6:18; did you mean 'long'?", error(head + "position: {side: lng}\n"));
        assertEquals("unknown sizing method 'fixed_fractoin' (expected fixed_fraction, risk_per_trade, kelly, atr) at strategy.yaml:6:29; did you mean 'fixed_fraction'?",
                error(head + "position: {sizing: {method: fixed_fractoin, fraction: 0.1}}\n"));
        assertEquals("position.margin_mode must be isolated or cross, got 'crossed' at strategy.yaml:6:25; did you mean 'cross'?",
                error(head + "position: {margin_mode: crossed}\n"));
        assertEquals("unknown stop_loss type 'atr_trail' (expected fixed_pct, atr_fixed, atr_trailing) at strategy.yaml:6:19; did you mean 'atr_trailing'?",
                error(head + "stop_loss: {type: atr_trail}\n"));
        assertEquals("take_profit type risk_reward needs a stop_loss (the ratio multiplies the stop distance) at strategy.yaml:6:21",
                error(head + "take_profit: {type: risk_reward, ratio: 2}\n"));
        assertEquals("unknown indicator 'atrr' in stop_loss.indicator (declared: r) at strategy.yaml:6:60",
                error(head + "stop_loss: {type: atr_fixed, atr_multiplier: 2, indicator: atrr}\n"));
        assertEquals("session time must be HH:MM, got '8am' at strategy.yaml:6:35",
                error(head + "time_filters: {sessions: [{start: 8am, end: \"20:00\"}]}\n"));
        assertEquals("sessions are in UTC only; timezone must be UTC, got 'CET' at strategy.yaml:6:68",
                error(head + "time_filters: {sessions: [{start: \"08:00\", end: \"20:00\", timezone: CET}]}\n"));
        assertEquals("unknown day 'satday' (expected monday … sunday) at strategy.yaml:6:31; did you mean 'saturday'?",
                error(head + "time_filters: {blocked_days: [satday]}\n"));
        assertEquals("interval_hours must divide 24, got 5 at strategy.yaml:6:92",
                error(head + "time_filters: {avoid_around_funding: {minutes_before: 5, minutes_after: 5, interval_hours: 5}}\n"));
        assertEquals("indicators.t.timeframe 1m must be a whole multiple of the strategy timeframe 5m (no lower timeframes) at strategy.yaml:4:29", error("""
                name: x
                timeframe: 5m
                indicators:
                  t: {type: ema, timeframe: 1m}
                entry: {long: t < 30}
                """));
        assertEquals("indicator 'atr' reads fixed bar fields; it takes no source at strategy.yaml:4:18", error("""
                name: x
                timeframe: 1m
                indicators:
                  a: {type: atr, source: close}
                entry: {long: a < 30}
                """));
        assertEquals("unknown source 'clos' (expected one of open, high, low, close, volume, hl2, hlc3, ohlc4) at strategy.yaml:4:26; did you mean 'close'?", error("""
                name: x
                timeframe: 1m
                indicators:
                  a: {type: sma, source: clos}
                entry: {long: a < 30}
                """));
        assertEquals("indicator name 'close' is a price field; choose another name at strategy.yaml:4:3", error("""
                name: x
                timeframe: 1m
                indicators:
                  close: {type: sma}
                entry: {long: close < 30}
                """));
    }

    @Test void conditionErrors() {
        String head = "name: x\ntimeframe: 1m\nparams: {lo: 30}\nindicators:\n  r: {type: rsi}\n";
        assertEquals("unknown operator '=>' (expected one of >, <, >=, <=, crosses_above, crosses_below, between) at strategy.yaml:6:17; did you mean '>='?",
                error(head + "entry: {long: r => 30}\n"));
        assertEquals("unknown operator 'crosses_abve' (expected one of >, <, >=, <=, crosses_above, crosses_below, between) at strategy.yaml:6:17; did you mean 'crosses_above'?",
                error(head + "entry: {long: r crosses_abve 30}\n"));
        assertEquals("incomplete condition 'r <' (expected '<operand> <op> <operand>' with op one of >, <, >=, <=, crosses_above, crosses_below, between) at strategy.yaml:6:18",
                error(head + "entry: {long: r <}\n"));
        assertEquals("unexpected 'and' after 'r < 30' (one comparison per condition; use a list for AND, any: for OR) at strategy.yaml:6:22",
                error(head + "entry: {long: r < 30 and r > 10}\n"));
        assertEquals("'between' takes two bounds: '<operand> between <low> <high>', got 'r between 30' at strategy.yaml:6:27",
                error(head + "entry: {long: r between 30}\n"));
        assertEquals("'between' bounds are reversed: 70 > 30 at strategy.yaml:6:25", error(head + "entry: {long: r between 70 30}\n"));
        assertEquals("condition '30 < $lo' compares only constants at strategy.yaml:6:15", error(head + "entry: {long: 30 < $lo}\n"));
        assertEquals("unknown parameter '$low' in a condition (params: lo) at strategy.yaml:6:19; did you mean 'lo'?", error(head + "entry: {long: r < $low}\n"));
        assertEquals("unknown indicator 'lo' at strategy.yaml:6:19; did you mean '$lo'?", error(head + "entry: {long: r < lo}\n"));
        assertEquals("invalid number '3x' at strategy.yaml:6:19", error(head + "entry: {long: r < 3x}\n"));
        assertEquals("entry.long: expected a condition such as 'rsi < 30', got a number '5' at strategy.yaml:6:15", error(head + "entry: {long: 5}\n"));
        assertEquals("a condition map must be {any: [...]} (OR) or {all: [...]} (AND), got key 'anyy' at strategy.yaml:6:16; did you mean 'any'?",
                error(head + "entry: {long: {anyy: [r < 3]}}\n"));
        assertEquals("entry.long is an empty list at strategy.yaml:6:15", error(head + "entry: {long: []}\n"));
        assertEquals("exit.short is given but there is no entry.short at strategy.yaml:7:1",
                error(head + "entry: {long: r < 30}\nexit: {short: r > 50}\n"));
        assertEquals("entry.short is given but position.side is long at strategy.yaml:6:1",
                error(head + "entry: {short: r > 70}\nposition: {side: long}\n"));
    }

    @Test void parameterAndSweepErrors() {
        String ind = "indicators:\n  r: {type: rsi, params: {period: $p}}\nentry: {long: r < 30}\n";
        assertEquals("unknown parameter '$q' in r.period (params: p) at strategy.yaml:5:35; did you mean 'p'?",
                error("name: x\ntimeframe: 1m\nparams: {p: 14}\nindicators:\n  r: {type: rsi, params: {period: $q}}\nentry: {long: r < 30}\n"));
        assertEquals("r.period needs an integer but parameter 'p' is a float (declare type: int) at strategy.yaml:5:35",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, type: float}}\n" + ind));
        assertEquals("r.period must be in [2, 100000], but parameter 'p' ranges over [1, 14] at strategy.yaml:5:35",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: [1, 14]}}\n" + ind));
        assertEquals("sweep of 'p': min 9 is greater than max 3 at strategy.yaml:3:40",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: {min: 9, max: 3, step: 1}}}\n" + ind));
        assertEquals("sweep of 'p': step must be > 0, got 0 at strategy.yaml:3:57",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: {min: 2, max: 3, step: 0}}}\n" + ind));
        assertEquals("sweep of 'p' needs step (grid) or distribution: uniform|log_uniform (random) at strategy.yaml:3:34",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: {min: 2, max: 30}}}\n" + ind));
        assertEquals("sweep of 'p': distribution must be uniform or log_uniform, got 'log' at strategy.yaml:3:66; did you mean 'log_uniform'?",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: {min: 2, max: 30, distribution: log}}}\n" + ind));
        assertEquals("sweep of 'p': log_uniform needs min > 0, got 0 at strategy.yaml:3:53",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, type: float, sweep: {min: 0, max: 30, distribution: log_uniform}}}\nindicators: {r: {type: rsi}}\nentry: {long: r < $p}\n"));
        assertEquals("sweep of 'p' lists 3 twice at strategy.yaml:3:38",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, sweep: [3, 3]}}\n" + ind));
        assertEquals("parameter 'p' is an integer but its sweep has 2.5 at strategy.yaml:3:10",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, type: int, sweep: [2.5, 3]}}\n" + ind));
        assertEquals("sweep key 'r.perod' is neither a parameter nor a numeric setting (expected a params name or a path such as rsi.period, "
                + "stop_loss.percent, take_profit.ratio, position.leverage) at strategy.yaml:6:9; did you mean 'r.period'?",
                error("name: x\ntimeframe: 1m\nindicators:\n  r: {type: rsi}\nentry: {long: r < 30}\nsweep: {r.perod: [3, 4]}\n"));
        assertEquals("sweep key 'r.period' names a setting that is already $p; sweep 'p' instead at strategy.yaml:7:9",
                error("name: x\ntimeframe: 1m\nparams: {p: 14}\n" + ind + "sweep: {r.period: [3, 4]}\n"));
        assertEquals("the default parameters p=14 break the constraint 'p > 20' at strategy.yaml:4:14",
                error("name: x\ntimeframe: 1m\nparams: {p: 14}\nconstraints: [p > 20]\n" + ind));
        assertEquals("unknown parameter '$pp' in a constraint (params: p) at strategy.yaml:4:15; did you mean 'p'?",
                error("name: x\ntimeframe: 1m\nparams: {p: 14}\nconstraints: [pp > 20]\n" + ind));
        assertEquals("parameter 'p' is declared int but its sweep says type: float at strategy.yaml:3:45",
                error("name: x\ntimeframe: 1m\nparams: {p: {default: 14, type: int, sweep: {min: 2, max: 30, distribution: uniform, type: float}}}\n" + ind));
        assertEquals("parameters_schema key 'pp' names no parameter or setting at strategy.yaml:7:21; did you mean 'p'?",
                error("name: x\ntimeframe: 1m\nparams: {p: 14}\n" + ind + "parameters_schema: {pp: {type: integer}}\n"));
        // a swept default indicator parameter: the registry default becomes the parameter default
        StrategySpec s = parse("name: x\ntimeframe: 1m\nindicators:\n  r: {type: rsi}\nentry: {long: r < 30}\nsweep: {r.period: {min: 5, max: 30, step: 5}}\n");
        assertEquals(14.0, s.parameters().defaults()[0]);
        assertEquals(ParameterSpace.Type.INT, s.parameters().params().getFirst().type());
    }

    @Test void safeLoadingAndYamlErrors() {
        assertEquals("YAML type tag 'tag:yaml.org,2002:java.net.URL' is not allowed (safe loading) at strategy.yaml:1:7",
                error("name: !!java.net.URL [\"http://example.com\"]\n"));
        assertEquals("YAML alias '*a' is not allowed at strategy.yaml:3:4", error("name: x\ntimeframe: &a 1m\nb: *a\n"));
        assertEquals("YAML anchor '&x' is not allowed at strategy.yaml:1:4", error("a: &x {b: 1}\nc: *x\n"));
        assertEquals("duplicate key 'name' (first at strategy.yaml:1:1) at strategy.yaml:2:1", error("name: x\nname: y\n"));
        assertTrue(error("name: x\n  bad: [\n").startsWith("invalid YAML: "));
        assertEquals("empty strategy file at strategy.yaml:1:1", error(""));
        assertEquals("a strategy file must be a map, got a list at strategy.yaml:1:1", error("- a\n- b\n"));
        assertEquals("name must be a string, got a number '5' at strategy.yaml:1:7", error("name: 5\n"));
    }
}
