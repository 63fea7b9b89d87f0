package vq.kernels.margin;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueSpecTest {

    @Test
    void builtinBinanceTable() {
        VenueSpec v = VenueSpec.binanceFuturesUm();
        assertEquals("binance", v.venue());
        assertEquals(java.util.List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), v.symbolNames());
        assertEquals(2.0, v.defaultFeeTier().makerBps());
        assertEquals(5.0, v.defaultFeeTier().takerBps());
        assertEquals(0.0005, v.feeTier("VIP0").takerRate(), 1e-15);
        assertEquals(10, v.feeTiers().size());
        MarginBrackets btc = v.brackets("BTCUSDT");
        assertEquals(12, btc.size());
        assertEquals(125, btc.maxLeverageFor(10_000));
        assertEquals(0.004, btc.mmr(btc.bracketOf(49_999.99)));
        assertEquals(0.005, btc.mmr(btc.bracketOf(50_000)));
        assertEquals(100, v.brackets("SOLUSDT").maxLeverageFor(19_000));
        assertTrue(v.symbol("SOLUSDT").liquidationClearanceFeeRate() > 0);
        var e = assertThrows(IllegalArgumentException.class, () -> v.symbol("DOGEUSDT"));
        assertTrue(e.getMessage().contains("DOGEUSDT"));
    }

    @Test
    void maximumPositionAtLeverage() {
        // BTCUSDT table above: 125x up to 50k, 100x up to 600k, 75x up to 3M, 50x up to 12M, 20x up to 100M
        MarginBrackets btc = VenueSpec.binanceFuturesUm().brackets("BTCUSDT");
        assertEquals(50_000, btc.maxNotionalAt(125));
        assertEquals(50_000, btc.maxNotionalAt(101));    // 101x is above bracket 2's 100x: bracket 1 only
        assertEquals(600_000, btc.maxNotionalAt(100));
        assertEquals(3_000_000, btc.maxNotionalAt(60));
        assertEquals(100_000_000, btc.maxNotionalAt(20));
        assertEquals(1_800_000_000, btc.maxNotionalAt(1));
        assertEquals(0, btc.maxNotionalAt(126));
    }

    private static VenueSpec parse(String yaml) throws Exception {
        return VenueSpec.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
    }

    private static final String HEAD = """
            venue: binance
            market: futures-um
            default_fee_tier: VIP0
            fee_tiers:
              - { tier: VIP0, maker_bps: 2.0, taker_bps: 5.0 }
            symbols:
              X:
                tick_size: 0.1
                step_size: 0.001
                liquidation_clearance_fee_rate: 0.0125
                brackets:
                  - { bracket: 1, notional_floor: 0, notional_cap: 50000, max_leverage: 125, maint_margin_rate: 0.004, maint_amount: 0 }
            """;

    @Test
    void badMaintenanceAmountIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(HEAD
                + "      - { bracket: 2, notional_floor: 50000, notional_cap: 600000, max_leverage: 100, maint_margin_rate: 0.005, maint_amount: 51 }\n"));
        assertTrue(e.getMessage().contains("t.yaml: symbols.X.brackets"), e.getMessage());
        assertTrue(e.getMessage().contains("bracket 2 maint_amount 51"), e.getMessage());
    }

    @Test
    void typeErrorHasLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(HEAD.replace("tick_size: 0.1", "tick_size: abc")));
        assertTrue(e.getMessage().startsWith("t.yaml:8:"), e.getMessage());
    }

    @Test
    void unknownFieldRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(HEAD.replace("step_size", "stepsize")));
        assertTrue(e.getMessage().contains("t.yaml:"), e.getMessage());
    }
}
