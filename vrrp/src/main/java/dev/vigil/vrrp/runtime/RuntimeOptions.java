package dev.vigil.vrrp.runtime;

import java.time.Duration;

/**
 * How the runtime behaves beyond keepalived.conf.
 *
 * @param releaseVipsOnStop false for keepalived's {@code -V} (leave VIPs and routes in place on stop)
 * @param logUnknownVrids   log adverts for VRIDs no instance uses
 * @param timerSlack        the VRRP thread's timer slack (prctl PR_SET_TIMERSLACK); small so timers fire on time
 * @param realtimePriority  SCHED_RR priority of the VRRP thread (1-99), 0 to stay a normal thread; the thread sleeps
 *                          almost always, and on a loaded host this keeps its wake-ups (takeover, adverts) on time
 */
public record RuntimeOptions(boolean releaseVipsOnStop, boolean logUnknownVrids, Duration timerSlack,
                             int realtimePriority) {
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(true, false, Duration.ofNanos(1_000), 1);
    }
}
