package dev.vigil.daemon;

/** The POSIX signals the daemon acts on, with keepalived's meaning for each. */
public enum VigilSignal {
    /** keepalived's RELOAD: re-read the configuration in place. */
    HUP,
    /** STOP (Ctrl-C in the foreground). */
    INT,
    /** keepalived's DATA: write a state dump. */
    USR1,
    /** keepalived's STATS: write the VRRP counters. */
    USR2,
    /** STOP: orderly shutdown. */
    TERM;

    /** TERM and INT end the daemon. */
    public boolean stops() {
        return this == TERM || this == INT;
    }
}
