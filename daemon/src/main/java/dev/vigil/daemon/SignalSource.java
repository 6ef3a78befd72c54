package dev.vigil.daemon;

/** Connects real process signals to a {@link SignalRouter}; tests use {@link #NONE} and deliver signals directly. */
@FunctionalInterface
public interface SignalSource {
    /** The JVM's POSIX signal handlers. */
    SignalSource POSIX = PosixSignals::install;
    /** No process signals (tests, embedding). */
    SignalSource NONE = router -> () -> { };

    /** Starts forwarding signals to {@code router}; closing the result restores the previous handlers. */
    Installed install(SignalRouter router);

    /** An installation that can be undone. */
    @FunctionalInterface
    interface Installed extends AutoCloseable {
        @Override
        void close();
    }
}
