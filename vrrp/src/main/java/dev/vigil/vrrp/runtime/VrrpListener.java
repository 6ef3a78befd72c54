package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.instance.VrrpState;
import java.net.Inet4Address;

/**
 * What the VRRP runtime reports to the rest of the daemon (notify scripts, FIFOs, mail, event log). Called on the
 * VRRP thread: implementations must return quickly and never block (queue work elsewhere).
 */
public interface VrrpListener {

    /**
     * An instance entered a state.
     *
     * @param from          the state reported before (INIT at startup)
     * @param reason        why, in a few words ("init", "master down", "higher priority advert from ..." ...)
     * @param priority      the effective priority
     * @param masterAddress the current master's address (ours when MASTER), null when unknown
     */
    record StateChange(String instance, VrrpState from, VrrpState to, String reason, int priority,
                       Inet4Address masterAddress) {}

    void stateChanged(StateChange change);

    /**
     * A reload removed the instance (or changed its interface, VRID or sync group, so it restarts as a new one): it
     * has stopped and, if it was MASTER, released its VIPs. keepalived notifies DELETED (or FAULT) here.
     *
     * @param lastState the state it was in
     * @param priority  its effective priority
     */
    default void instanceDeleted(String instance, VrrpState lastState, int priority) {
    }

    /** A {@code vrrp_sync_group} entered a state. */
    default void groupStateChanged(String group, VrrpState state, String reason) {
    }

    /** The effective priority changed ({@code notify_priority_changes}). */
    default void priorityChanged(String instance, VrrpState state, int from, int to) {
    }

    /** A MASTER heard a lower-priority advert ({@code notify_master_rx_lower_pri}). */
    default void masterRxLowerPriority(String instance, int priority, Inet4Address source) {
    }

    /**
     * An advert for the instance failed validation.
     *
     * @param reason  the counter it was counted under (e.g. AUTH_FAILURE), or "OTHER"
     * @param logLine keepalived's log text for it
     */
    default void advertRejected(String instance, int vrid, Inet4Address source, String reason, String logLine) {
    }

    VrrpListener NONE = change -> { };
}
