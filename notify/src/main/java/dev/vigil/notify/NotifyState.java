package dev.vigil.notify;

/**
 * The state names keepalived passes to notify scripts, writes to FIFOs and uses in alert mails.
 * Events that are not states (MASTER_RX_LOWER_PRI, priority changes) exist only on the FIFO.
 */
public enum NotifyState {
    MASTER,
    BACKUP,
    FAULT,
    STOP,
    DELETED
}
