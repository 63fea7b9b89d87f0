package vq.columnar;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work that must not be abandoned half-way (a commit, a shared computation). */
public final class Futures {
    private Futures() {}

    /**
     * The result of {@code f}, waiting through interrupts (the thread's interrupt status is restored afterwards); the
     * task's own exception is rethrown as it was thrown (a checked one wrapped in {@link IllegalStateException}).
     */
    public static <T> T awaitUninterruptibly(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) throw r;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
