package dev.vigil.conf.model;

/** The notify scripts of a VRRP instance or sync group; each null when not configured. */
public record Notifies(NotifyScript master, NotifyScript backup, NotifyScript fault, NotifyScript stop,
        NotifyScript deleted, NotifyScript generic, NotifyScript masterRxLowerPri) {
    public static final Notifies NONE = new Notifies(null, null, null, null, null, null, null);
}
