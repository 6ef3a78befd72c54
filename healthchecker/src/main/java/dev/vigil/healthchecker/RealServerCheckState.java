package dev.vigil.healthchecker;

import dev.vigil.healthchecker.spec.CheckCommon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The pure state machine of one checker of one real server (keepalived's {@code tcp_epilog()} and its siblings):
 * results in, up/down transitions and the delay until the next attempt out. No clock, no I/O.
 *
 * <ul>
 *   <li>Starts up, or down with {@code alpha}.</li>
 *   <li>A failure is retried {@code retry} times, {@code delay_before_retry} apart; only when the last retry also
 *       fails does an up checker go down. A success resets the retry count and brings a down checker up. Only
 *       TCP_CHECK and SMTP_CHECK also retry while already down.</li>
 *   <li>Regular checks are {@code delay_loop} apart; the first comes after 1 s plus a random part of
 *       {@code warmup}.</li>
 *   <li>The first result is always logged, even without a state change, as keepalived does.</li>
 * </ul>
 */
public final class RealServerCheckState {

    /** keepalived's BOOTSTRAP_DELAY before the first check. */
    public static final Duration BOOTSTRAP_DELAY = Duration.ofSeconds(1);

    private final CheckCommon common;
    private final CheckerMessages messages;
    private final boolean retriesWhileDown;
    private boolean up;
    private boolean hasRun;
    private int retryIt;
    private int weightDelta;

    /**
     * What to do after a result.
     *
     * @param nextDelay     when to run the next attempt
     * @param stateChanged  the checker went up or down
     * @param weightChanged the checker's weight adjustment changed
     * @param log           keepalived's log lines for this result
     */
    public record Step(Duration nextDelay, boolean stateChanged, boolean weightChanged, List<String> log) {
        public Step {
            log = List.copyOf(log);
        }
    }

    /** A checker that retries whether up or down (TCP_CHECK's rule). */
    public RealServerCheckState(CheckCommon common, CheckerMessages messages) {
        this(common, messages, true);
    }

    /** @param retriesWhileDown {@link dev.vigil.healthchecker.spec.CheckerKind#retriesWhileDown()} */
    public RealServerCheckState(CheckCommon common, CheckerMessages messages, boolean retriesWhileDown) {
        this.common = common;
        this.messages = messages;
        this.retriesWhileDown = retriesWhileDown;
        this.up = !common.alpha();
    }

    public boolean isUp() {
        return up;
    }

    /** The checker's current adjustment of the real server's weight. */
    public int weightDelta() {
        return weightDelta;
    }

    public CheckCommon common() {
        return common;
    }

    /** Delay before the first attempt: 1 s + warmup × random, random in [0, 1). */
    public Duration initialDelay(DoubleSupplier random) {
        long warmupNanos = (long) (common.warmup().toNanos() * random.getAsDouble());
        return BOOTSTRAP_DELAY.plusNanos(warmupNanos);
    }

    /** Feeds one attempt's result. */
    public Step onResult(CheckResult result) {
        List<String> log = new ArrayList<>();
        boolean stateChanged = false;
        boolean weightChanged = false;
        Duration next;
        boolean mayRetry = retriesWhileDown || up || !hasRun;
        if (result.success() || !mayRetry || retryIt >= common.retry()) {
            next = common.delayLoop();
            int retriesDone = retryIt;
            retryIt = 0;
            if (result.success()) {
                if (!up || !hasRun) {
                    log.add(messages.succeeded());
                }
                stateChanged = !up;
                up = true;
                if (result.weightDelta() != null && result.weightDelta() != weightDelta) {
                    weightDelta = result.weightDelta();
                    weightChanged = true;
                }
            } else {
                if (up || !hasRun) {
                    if (common.logAllFailures() && retriesDone == 0) {
                        log.add(messages.attemptFailed(result, retriesDone, common.retry()));
                    }
                    log.add(messages.failed(hasRun ? common.retry() : 0, result));
                }
                stateChanged = up;
                up = false;
                if (weightDelta != 0) {
                    weightDelta = 0;
                    weightChanged = true;
                }
            }
        } else {
            next = common.delayBeforeRetry();
            retryIt++;
            if (common.logAllFailures() && (up || !hasRun)) {
                log.add(messages.attemptFailed(result, retryIt, common.retry()));
            }
        }
        hasRun = true;
        return new Step(next, stateChanged, weightChanged, log);
    }
}
