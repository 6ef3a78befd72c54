package dev.vigil.daemon.lab;

import dev.vigil.linux.NetNamespace;
import java.io.IOException;

/**
 * Opens sockets inside a lab namespace from this process: {@code setns} on a short-lived thread, then the socket keeps
 * that namespace for life, whichever thread uses it. So the lab's HTTP servers, SMTP sink, client probes and capture
 * live in the lab process, with no helper processes to track.
 */
final class NamespaceSockets {
    private NamespaceSockets() {
    }

    /** Runs {@code open} inside {@code host}'s namespace and returns what it opened. */
    static <T> T open(LabHost host, NetNamespace.Task<T> open) throws IOException {
        try (NetNamespace ns = NetNamespace.open(host.namespace())) {
            return ns.call(open);
        }
    }
}
