package dev.vigil.notify.fifo;

/**
 * The lines keepalived writes to its notify FIFOs (vrrp/vrrp_notify.c {@code notify_fifo()},
 * check/ipwrapper.c {@code notify_fifo_vs()/notify_fifo_rs()}).
 */
public final class FifoLines {
    /** VRRP FIFO state words beyond {@link dev.vigil.notify.NotifyState}. */
    public static final String MASTER_RX_LOWER_PRI = "MASTER_RX_LOWER_PRI";
    public static final String MASTER_PRIORITY = "MASTER_PRIORITY";
    public static final String BACKUP_PRIORITY = "BACKUP_PRIORITY";

    private FifoLines() {
    }

    /** {@code INSTANCE "VI_1" MASTER 150\n}. */
    public static String instance(String name, String state, int priority) {
        return "INSTANCE \"" + name + "\" " + state + " " + priority + "\n";
    }

    /** {@code GROUP "G1" BACKUP 0\n}: groups always report priority 0. */
    public static String group(String name, String state) {
        return "GROUP \"" + name + "\" " + state + " 0\n";
    }

    /** {@code VS [10.0.0.1]:tcp:80 UP\n}. */
    public static String virtualServer(String vs, boolean up) {
        return "VS " + vs + " " + (up ? "UP" : "DOWN") + "\n";
    }

    /** {@code RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n}. */
    public static String realServer(String rs, String vs, boolean up) {
        return "RS " + rs + " " + vs + " " + (up ? "UP" : "DOWN") + "\n";
    }
}
