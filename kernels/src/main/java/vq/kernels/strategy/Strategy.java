package vq.kernels.strategy;

/**
 * A strategy written in Java, for what the DSL cannot say (order-book signals, state machines). The event
 * simulator (vq.sim) drives it: {@link #onStart} once, then {@link #onBar} / {@link #onTick} in event-time
 * order, then {@link #onFinish} once. All callbacks run on one thread; a strategy instance is used for one
 * run only.
 *
 * <p><b>Parameters.</b> Public or private instance fields annotated with {@link Param}; their initial values
 * are the defaults. The optimizer reads them with {@link JavaStrategies#parameters(Class)} and the simulator
 * sets them with {@link JavaStrategies#instantiate(Class, ParameterSpace, double[])} before {@link #onStart}.
 *
 * <p><b>Discovery.</b> Implementations need a public no-argument constructor, a {@link Info} annotation and
 * a line in {@code META-INF/services/vq.kernels.strategy.Strategy}; {@link JavaStrategies#discover} finds
 * them on the classpath and in jars under the workspace's {@code strategies/} directory ({@link java.util.ServiceLoader}).
 */
public interface Strategy {
    /** Called once before the first event; the context already knows the symbol and the start time. */
    default void onStart(StrategyContext ctx) {}

    /** Called at each bar's close (DESIGN.md §6: orders submitted here fill from the next bar on). */
    default void onBar(Bar bar, StrategyContext ctx) {}

    /** Called with each batch of quotes or trades, in time order. */
    default void onTick(TickBatch batch, StrategyContext ctx) {}

    /** Called once after the last event; open positions are closed by the simulator afterwards (end_of_data). */
    default void onFinish(StrategyContext ctx) {}

    /** Name and description of a Java strategy, and the market data it consumes. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Info {
        /** Name used on the command line ({@code vq validate ofi ...}); lower case, digits, '_'. */
        String name();

        String description() default "";

        /** Catalog datasets the strategy needs: any of bars, quotes, trades. */
        String[] data() default {"bars"};
    }

    /**
     * A tunable parameter: an {@code int}, {@code long} or {@code double} instance field. The field's initial
     * value is the default. Grid: {@link #values} or {@code min/max/step}; random: {@code min/max} with
     * {@link #distribution}.
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @interface Param {
        /** Parameter name (default: the field name). */
        String name() default "";

        double min() default Double.NaN;

        double max() default Double.NaN;

        /** Grid step; NaN = no grid (random sampling only). */
        double step() default Double.NaN;

        /** Distribution for random sampling between min and max. */
        ParameterSpace.Distribution distribution() default ParameterSpace.Distribution.UNIFORM;

        /** Explicit values (choices); overrides min/max/step. */
        double[] values() default {};

        /** Fixed (not swept): the optimizer keeps the default. */
        boolean fixed() default false;

        String description() default "";
    }
}
