package dev.vigil.daemon;

import java.io.IOException;
import java.util.Set;

/** What the start-up {@link SelfCheck} asks of the running system; tests substitute it. */
interface SystemProbe {
    /** The real kernel, in the calling thread's network namespace. */
    SystemProbe LIVE = new LiveSystemProbe();

    /** Names of the interfaces in this network namespace. */
    Set<String> interfaceNames() throws IOException;

    /** True when the kernel has IPVS (the generic-netlink family "IPVS", or {@code /proc/net/ip_vs}). */
    boolean ipvsAvailable();
}
