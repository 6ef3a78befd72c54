package dev.vigil.daemon;

import dev.vigil.linux.Capabilities;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Checks at start that the process may do what a director needs, so a missing capability is one clear line instead
 * of "Operation not permitted" from deep inside netlink (a common container complaint about keepalived).
 */
@FunctionalInterface
public interface PrivilegeCheck {
    /** This process's effective capabilities (/proc/self/status). */
    PrivilegeCheck PROC_STATUS = () -> {
        try {
            return problem(Capabilities.current());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("cannot read this process's capabilities: " + e.getMessage());
        }
    };

    /** The problem, if any privilege is missing. */
    Optional<String> missing();

    /** CAP_NET_ADMIN (addresses, routes, IPVS) and CAP_NET_RAW (VRRP and ARP sockets). */
    static Optional<String> problem(Capabilities capabilities) {
        List<String> absent = capabilities.missingForVrrp();
        return absent.isEmpty() ? Optional.empty()
                : Optional.of("Vigil needs " + String.join(" and ", absent)
                        + " (run it as root, or grant them with AmbientCapabilities= in the systemd unit)");
    }
}
