package dev.vigil.healthchecker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/** Drives one checker state machine on a virtual clock (milliseconds) against a scripted server. */
final class VirtualClockDriver {

    /** One attempt: when it ran, whether the server answered, and the checker's state afterwards. */
    record Attempt(long atMillis, boolean success, boolean upAfter, List<String> log) {
    }

    private final RealServerCheckState state;
    final List<Attempt> attempts = new ArrayList<>();
    final List<Long> transitions = new ArrayList<>();

    VirtualClockDriver(RealServerCheckState state) {
        this.state = state;
    }

    /** Runs attempts from {@code firstAt} until {@code untilMillis}; {@code serverUp} says if the server answers at t. */
    VirtualClockDriver run(long firstAt, long untilMillis, LongPredicate serverUp) {
        long t = firstAt;
        while (t <= untilMillis) {
            boolean ok = serverUp.test(t);
            RealServerCheckState.Step step = state.onResult(ok ? CheckResult.up("ok") : CheckResult.down("refused"));
            attempts.add(new Attempt(t, ok, state.isUp(), step.log()));
            if (step.stateChanged()) {
                transitions.add(t);
            }
            t += step.nextDelay().toMillis();
        }
        return this;
    }

    List<Long> times() {
        return attempts.stream().map(Attempt::atMillis).toList();
    }

    List<String> log() {
        return attempts.stream().flatMap(a -> a.log().stream()).toList();
    }

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
