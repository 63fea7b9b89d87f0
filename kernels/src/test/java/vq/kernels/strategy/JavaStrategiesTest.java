package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.InputException;
import vq.kernels.strategy.examples.OrderFlowImbalance;

class JavaStrategiesTest {
    /** A context that fills market orders immediately at a given price (enough to test strategy logic). */
    static final class FakeContext implements StrategyContext {
        double position, equity = 10_000, mid = 100;
        long time;
        final List<OrderRequest> orders = new ArrayList<>();

        @Override public String symbol() { return "TEST"; }
        @Override public long timeNanos() { return time; }
        @Override public double position() { return position; }
        @Override public double entryPrice() { return position == 0 ? Double.NaN : mid; }
        @Override public double equity() { return equity; }
        @Override public double leverage() { return 2; }
        @Override public long submit(OrderRequest o) { orders.add(o); position += o.qty(); return orders.size(); }
        @Override public boolean cancel(long id) { return false; }
        @Override public int openOrders() { return 0; }
    }

    @Test void discoversTheExampleOnTheClasspath() {
        List<JavaStrategies.Descriptor> all = JavaStrategies.discover(null);
        JavaStrategies.Descriptor ofi = JavaStrategies.find(all, "ofi");
        assertEquals(OrderFlowImbalance.class, ofi.type());
        assertEquals(List.of("quotes"), ofi.data());
        ParameterSpace ps = ofi.parameters();
        assertEquals(List.of("window", "threshold", "fraction"), ps.names());
        assertEquals(ParameterSpace.Type.INT, ps.params().get(0).type());
        assertEquals(100.0, ps.defaults()[0]);
        assertEquals(ParameterSpace.Distribution.LOG_UNIFORM, ((ParameterSpace.Range) ps.params().get(1).domain()).distribution());
        assertTrue(!ps.params().get(2).swept());
        for (double[] s : ps.sample(200, 11)) {
            assertTrue(s[0] >= 10 && s[0] <= 5000 && s[0] == Math.rint(s[0]));
            assertTrue(s[1] >= 0.1 && s[1] <= 50);
            assertEquals(0.1, s[2]);
        }
        assertEquals("unknown Java strategy 'ofl'; did you mean 'ofi'? (known: ofi)",
                assertThrows(InputException.class, () -> JavaStrategies.find(all, "ofl")).getMessage());
    }

    @Test void ofiMatchesTheFormulaAndTrades() {
        // hand-computed: bid up with size 3 (prev 2): +3; ask unchanged 101 size 4 -> 5: -5 + 4 = -1 → e1 = 3 - 1 = 2
        assertEquals(2.0, OrderFlowImbalance.contribution(100.5, 3, 101, 5, 100, 2, 101, 4));
        // bid down (prev size 2): -2; ask down with size 1: -1 → e = -3
        assertEquals(-3.0, OrderFlowImbalance.contribution(99.5, 7, 100.5, 1, 100, 2, 101, 4));
        // unchanged quotes: bid +q_n - q_{n-1}, ask -q_n + q_{n-1}
        assertEquals((5 - 2) - (6 - 4), OrderFlowImbalance.contribution(100, 5, 101, 6, 100, 2, 101, 4));

        JavaStrategies.Descriptor d = JavaStrategies.find(JavaStrategies.discover(null), "ofi");
        OrderFlowImbalance s = (OrderFlowImbalance) d.create(new double[] {3, 4.0, 0.1});
        FakeContext ctx = new FakeContext();
        s.onStart(ctx);
        // bids stepping up with growing size: OFI grows until > 4 over 3 updates → buy
        int n = 8;
        long[] ts = new long[n];
        double[] bp = new double[n], bs = new double[n], ap = new double[n], as = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i;
            bp[i] = 100 + 0.1 * i;
            bs[i] = 2;
            ap[i] = 101 + 0.1 * i;
            as[i] = 2;
        }
        s.onTick(TickBatch.quotes(ts, bp, bs, ap, as), ctx);
        // each update: bid up → +2; ask up → +2 (prev ask size) → e = 4; sum over 3 = 12 > 4
        assertEquals(12.0, s.ofi());
        assertEquals(1, ctx.orders.size(), "one entry, then holds the side");
        double mid = (bp[3] + ap[3]) / 2;
        assertEquals(0.1 * 10_000 * 2 / mid, ctx.orders.getFirst().qty(), 1e-12);
        // reversal: falling quotes drive OFI below -4 → one order flipping to short
        for (int i = 0; i < n; i++) {
            bp[i] = 99 - 0.1 * i;
            ap[i] = 100 - 0.1 * i;
        }
        s.onTick(TickBatch.quotes(ts, bp, bs, ap, as), ctx);
        assertEquals(2, ctx.orders.size());
        assertTrue(ctx.position < 0);
    }

    @Test void discoversStrategiesInWorkspaceJars(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/acme/Breakout.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package acme;
                import vq.kernels.strategy.*;
                @Strategy.Info(name = "acme_breakout", description = "test strategy from a jar")
                public class Breakout implements Strategy {
                    @Strategy.Param(min = 5, max = 50, step = 5) int lookback = 20;
                    @Strategy.Param(values = {0.5, 1.0, 2.0}) double k = 1.0;
                    public Breakout() {}
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc);
        Path dir = tmp.resolve("strategies");
        Files.createDirectories(dir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("acme.jar")))) {
            jar.putNextEntry(new JarEntry("acme/Breakout.class"));
            jar.write(Files.readAllBytes(classes.resolve("acme/Breakout.class")));
            jar.putNextEntry(new JarEntry("META-INF/services/vq.kernels.strategy.Strategy"));
            jar.write("acme.Breakout\n".getBytes());
        }
        List<JavaStrategies.Descriptor> all = JavaStrategies.discover(dir);
        assertEquals(List.of("acme_breakout", "ofi"), all.stream().map(JavaStrategies.Descriptor::name).toList());
        JavaStrategies.Descriptor b = all.getFirst();
        assertTrue(b.origin().endsWith("acme.jar"));
        assertEquals(List.of("lookback", "k"), b.parameters().names());
        assertEquals(10 * 3, b.parameters().gridProduct());
        Strategy inst = b.create(new double[] {35, 2.0});
        var f = inst.getClass().getDeclaredField("lookback");
        f.setAccessible(true);
        assertEquals(35, f.getInt(inst));
        assertEquals("parameter 'lookback' of acme.Breakout is an integer, got 3.5",
                assertThrows(InputException.class, () -> b.create(new double[] {3.5, 1})).getMessage());
    }

    @Test void annotationErrorsNameTheField() {
        assertEquals("vq.kernels.strategy.JavaStrategiesTest$Bad.n: @Param needs values, or min and max (or fixed = true)",
                assertThrows(InputException.class, () -> JavaStrategies.parameters(Bad.class)).getMessage());
        assertEquals("vq.kernels.strategy.JavaStrategiesTest$NoInfo lacks @Strategy.Info(name = ...)".replace("vq.kernels.strategy.JavaStrategiesTest$NoInfo", "Java strategy vq.kernels.strategy.JavaStrategiesTest$NoInfo (x)"),
                assertThrows(InputException.class, () -> JavaStrategies.describe(NoInfo.class, "x")).getMessage());
    }

    @Strategy.Info(name = "bad")
    public static final class Bad implements Strategy {
        @Strategy.Param int n = 3;
    }

    public static final class NoInfo implements Strategy {}

    static void unused(OutputStream o) {}
}
