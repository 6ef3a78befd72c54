package dev.vigil.daemon;

import java.util.EnumMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs JVM signal handlers (jdk.unsupported's {@code sun.misc.Signal}, the only way a Java program can catch
 * SIGHUP/SIGUSR1/SIGUSR2) that forward to a {@link SignalRouter}. Replacing the TERM/INT/HUP handlers also means the
 * JVM's shutdown hooks do not run on those signals: the supervisor stops in order itself.
 */
final class PosixSignals {
    private PosixSignals() {
    }

    static SignalSource.Installed install(SignalRouter router) {
        Map<VigilSignal, SignalHandler> previous = new EnumMap<>(VigilSignal.class);
        for (VigilSignal s : VigilSignal.values()) {
            previous.put(s, Signal.handle(new Signal(s.name()), sig -> router.deliver(s)));
        }
        return () -> previous.forEach((s, handler) -> Signal.handle(new Signal(s.name()), handler));
    }
}
