package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Capabilities;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivilegeCheckTest {
    @Test
    void rootHasEverything() {
        assertEquals(Optional.empty(), PrivilegeCheck.problem(new Capabilities(0x1ffffffffffL)));
    }

    @Test
    void exactlyNetAdminAndNetRawSuffice() {
        assertEquals(Optional.empty(), PrivilegeCheck.problem(new Capabilities(0x3000L)));
    }

    @Test
    void missingCapabilitiesAreNamed() {
        assertEquals(Optional.of("Vigil needs CAP_NET_ADMIN and CAP_NET_RAW (run it as root, or grant them with "
                + "AmbientCapabilities= in the systemd unit)"), PrivilegeCheck.problem(new Capabilities(0)));
        assertTrue(PrivilegeCheck.problem(new Capabilities(0x1000L)).orElseThrow()
                .startsWith("Vigil needs CAP_NET_RAW "));
        assertTrue(PrivilegeCheck.problem(new Capabilities(0x2000L)).orElseThrow()
                .startsWith("Vigil needs CAP_NET_ADMIN "));
    }

    @Test
    void thisProcessIsCheckedFromProc() {
        // The build runs as root in CI; either way the check answers without throwing.
        Optional<String> p = PrivilegeCheck.PROC_STATUS.missing();
        assertTrue(p.isEmpty() || p.get().startsWith("Vigil needs "), p.toString());
    }
}
