package dev.vigil.daemon;

import dev.vigil.linux.Capabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Checks at start that the process may do what a director needs, so a missing capability is one clear line instead
 * of "Operation not permitted" from deep inside netlink (a common container complaint about keepalived).
 */
@FunctionalInterface
public interface PrivilegeCheck {
    /** This process's effective capabilities (/proc/self/status), one line per missing capability. */
    PrivilegeCheck PROC_STATUS = fromProcStatus(() -> Files.readString(Path.of("/proc/self/status")));

    /** The problem, if any privilege is missing. */
    Optional<String> missing();

    /** One line per missing privilege (by default the single {@link #missing()} line). */
    default List<String> problems() {
        return missing().map(List::of).orElse(List.of());
    }

    /** The capabilities in a {@code /proc/PID/status} text from {@code statusText} (tests inject their own). */
    static PrivilegeCheck fromProcStatus(Callable<String> statusText) {
        return new CapabilityCheck(statusText);
    }

    /**
     * One line per capability Vigil needs and {@code capabilities} lacks: CAP_NET_ADMIN (addresses, routes, IPVS) and
     * CAP_NET_RAW (VRRP and ARP sockets), each with the fix.
     */
    static List<String> missingCapabilities(Capabilities capabilities) {
        String fix = ": run Vigil as root, or grant it with AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW "
                + "in the systemd unit";
        List<String> lines = new ArrayList<>();
        if (!capabilities.hasNetAdmin()) {
            lines.add("Vigil needs CAP_NET_ADMIN (virtual addresses, routes, IPVS)" + fix);
        }
        if (!capabilities.hasNetRaw()) {
            lines.add("Vigil needs CAP_NET_RAW (VRRP and ARP sockets)" + fix);
        }
        return List.copyOf(lines);
    }
}
