package dev.vigil.daemon;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks at start that the process may do what a director needs, so a missing capability is one clear line instead
 * of "Operation not permitted" from deep inside netlink (a common container complaint about keepalived).
 */
@FunctionalInterface
public interface PrivilegeCheck {
    /** Reads the effective capability set of this process from /proc/self/status. */
    PrivilegeCheck PROC_STATUS = () -> missingFrom(Path.of("/proc/self/status"));

    /** The problem, if any privilege is missing. */
    Optional<String> missing();

    /** CAP_NET_ADMIN (addresses, routes, IPVS) and CAP_NET_RAW (VRRP and ARP sockets). */
    static Optional<String> missingFrom(Path procStatus) {
        BigInteger effective;
        try {
            effective = Files.readAllLines(procStatus).stream()
                    .filter(l -> l.startsWith("CapEff:"))
                    .map(l -> new BigInteger(l.substring("CapEff:".length()).trim(), 16))
                    .findFirst().orElse(BigInteger.ZERO);
        } catch (IOException e) {
            return Optional.of("cannot read " + procStatus + ": " + e.getMessage());
        }
        List<String> absent = new ArrayList<>();
        if (!effective.testBit(12)) {
            absent.add("CAP_NET_ADMIN");
        }
        if (!effective.testBit(13)) {
            absent.add("CAP_NET_RAW");
        }
        return absent.isEmpty() ? Optional.empty()
                : Optional.of("Vigil needs " + String.join(" and ", absent)
                        + " (run it as root, or grant them with AmbientCapabilities= in the systemd unit)");
    }
}
