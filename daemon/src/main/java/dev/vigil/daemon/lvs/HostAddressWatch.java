package dev.vigil.daemon.lvs;

import dev.vigil.healthchecker.HaSuspend.HostAddress;
import java.io.IOException;
import java.util.List;

/**
 * The host's addresses as {@code ha_suspend} needs them: the full list at start (and again whenever notifications
 * were lost), then every address added or removed. {@link #kernel()} watches rtnetlink; tests feed their own.
 */
interface HostAddressWatch extends AutoCloseable {
    /** Receives the addresses; called on the watch's own thread except the first {@link #all} call. */
    interface Listener {
        /** Every address of the host now (replaces what was known). */
        void all(List<HostAddress> addresses);

        /** One address appeared or disappeared. */
        void changed(HostAddress address, boolean removed);
    }

    /** Subscribes, delivers the current list to {@code listener} before returning, then each change. */
    void start(Listener listener) throws IOException;

    @Override
    void close();

    /** rtnetlink: the address notifications of the namespace the caller is in, plus a dump. */
    static HostAddressWatch kernel() {
        return new KernelAddressWatch();
    }
}
