package vq.cli.demo;

/**
 * One step of {@code vq demo}. Steps run in the order of {@link DemoCommand#STEPS}; each prints a short account of
 * what it did and adds a summary line saying where its results are. Later issues add their steps (screen, validate,
 * report) to that list.
 */
public interface DemoStep {
    /** Short name shown as the step header, e.g. "synthesize market". */
    String name();

    /** Runs the step; an exception stops the demo with the step's name in the error. */
    void run(DemoContext ctx) throws Exception;
}
