package dev.vigil.notify.fifo;

/** Where notify FIFO lines go; {@link NotifyFifos} in production. */
public interface FifoSink {
    /** A VRRP line ({@link FifoLines#instance}, {@link FifoLines#group}); never blocks. */
    void writeVrrp(String line);

    /** An LVS line ({@link FifoLines#virtualServer}, {@link FifoLines#realServer}); never blocks. */
    void writeLvs(String line);
}
