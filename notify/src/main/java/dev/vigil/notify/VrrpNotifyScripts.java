package dev.vigil.notify;

import dev.vigil.linux.process.ScriptCommand;

/**
 * The notify scripts of one VRRP instance or sync group (each null when not configured).
 *
 * @param master           {@code notify_master}
 * @param backup           {@code notify_backup}
 * @param fault            {@code notify_fault}
 * @param stop             {@code notify_stop}
 * @param deleted          {@code notify_deleted} (instances only)
 * @param generic          {@code notify}: gets {@code INSTANCE|GROUP name state priority} appended
 * @param masterRxLowerPri {@code notify_master_rx_lower_pri} (instances only)
 */
public record VrrpNotifyScripts(ScriptCommand master, ScriptCommand backup, ScriptCommand fault, ScriptCommand stop,
                                ScriptCommand deleted, ScriptCommand generic, ScriptCommand masterRxLowerPri) {

    public static VrrpNotifyScripts none() {
        return new VrrpNotifyScripts(null, null, null, null, null, null, null);
    }

    /** The state-specific script, run as written. */
    public ScriptCommand forState(NotifyState state) {
        return switch (state) {
            case MASTER -> master;
            case BACKUP -> backup;
            case FAULT -> fault;
            case STOP -> stop;
            case DELETED -> deleted;
        };
    }

    /** The keyword naming the state-specific script, for log lines. */
    static String keyword(NotifyState state) {
        return "notify_" + state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
