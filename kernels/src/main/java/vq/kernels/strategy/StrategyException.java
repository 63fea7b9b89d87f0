package vq.kernels.strategy;

import vq.columnar.InputException;

/**
 * A strategy file that does not parse or validate. The message has the shape
 * {@code "<problem> at <file>:<line>:<column>[; did you mean '<name>'?]"}; {@link #loc()} carries the
 * position. Bad input: the CLI maps it to exit code 2.
 */
public final class StrategyException extends InputException {
    private static final long serialVersionUID = 1L;
    private final transient Loc loc;

    public StrategyException(Loc loc, String problem) {
        super(problem + " at " + loc);
        this.loc = loc;
    }

    /** Problem, location and (when {@code suggestion} is non-null) the nearest valid name. */
    public static StrategyException suggest(Loc loc, String problem, String suggestion) {
        return suggestion == null ? new StrategyException(loc, problem)
                : new StrategyException(loc, problem, suggestion);
    }

    private StrategyException(Loc loc, String problem, String suggestion) {
        super(problem + " at " + loc + "; did you mean '" + suggestion + "'?");
        this.loc = loc;
    }

    public Loc loc() { return loc; }
}
