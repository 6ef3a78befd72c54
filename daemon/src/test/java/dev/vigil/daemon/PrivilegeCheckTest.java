package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Capabilities;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivilegeCheckTest {
    private static final String FIX = ": run Vigil as root, or grant it with "
            + "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW in the systemd unit";

    /** A /proc/PID/status excerpt as the kernel writes it. */
    private static String status(String capEff) {
        return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t" + capEff + "\nCapEff:\t" + capEff + "\nCapBnd:\t000001ffffffffff\n"
                + "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\n";
    }

    @Test
    void rootHasEverything() {
        assertEquals(List.of(), PrivilegeCheck.missingCapabilities(new Capabilities(0x1ffffffffffL)));
        assertEquals(List.of(), PrivilegeCheck.fromProcStatus(() -> status("000001ffffffffff")).problems());
    }

    @Test
    void exactlyNetAdminAndNetRawSuffice() {
        assertEquals(List.of(), PrivilegeCheck.missingCapabilities(new Capabilities(0x3000L)));
        assertEquals(Optional.empty(), PrivilegeCheck.fromProcStatus(() -> status("0000000000003000")).missing());
    }

    @Test
    void eachMissingCapabilityIsOneLineNamingItAndTheFix() {
        String admin = "Vigil needs CAP_NET_ADMIN (virtual addresses, routes, IPVS)" + FIX;
        String raw = "Vigil needs CAP_NET_RAW (VRRP and ARP sockets)" + FIX;
        assertEquals(List.of(admin, raw), PrivilegeCheck.fromProcStatus(() -> status("0000000000000000")).problems());
        assertEquals(List.of(raw), PrivilegeCheck.fromProcStatus(() -> status("0000000000001000")).problems());
        assertEquals(List.of(admin), PrivilegeCheck.fromProcStatus(() -> status("0000000000002000")).problems());
        // a typical container default: CAP_NET_RAW but no CAP_NET_ADMIN
        assertEquals(List.of(admin), PrivilegeCheck.fromProcStatus(() -> status("00000000a80425fb")).problems());
        assertEquals(Optional.of(admin + "; " + raw),
                PrivilegeCheck.fromProcStatus(() -> status("0000000000000000")).missing());
    }

    @Test
    void anUnreadableStatusIsOneLineToo() {
        assertEquals(List.of("cannot read this process's capabilities: no CapEff line in process status"),
                PrivilegeCheck.fromProcStatus(() -> "Name:\tjava\n").problems());
        assertEquals(List.of("cannot read this process's capabilities: unreadable CapEff value \"zz\""),
                PrivilegeCheck.fromProcStatus(() -> "CapEff:\tzz\n").problems());
        assertEquals(List.of("cannot read this process's capabilities: /proc/self/status"),
                PrivilegeCheck.fromProcStatus(() -> {
                    throw new IOException("/proc/self/status");
                }).problems());
    }

    @Test
    void aSingleLineCheckGivesOneProblem() {
        PrivilegeCheck fake = () -> Optional.of("Vigil needs CAP_NET_RAW");
        assertEquals(List.of("Vigil needs CAP_NET_RAW"), fake.problems());
        assertEquals(List.of(), ((PrivilegeCheck) Optional::empty).problems());
    }

    @Test
    void thisProcessIsCheckedFromProc() {
        // The build runs as root in CI; either way the check answers without throwing.
        List<String> p = PrivilegeCheck.PROC_STATUS.problems();
        assertTrue(p.stream().allMatch(l -> l.startsWith("Vigil needs ")), p.toString());
    }
}
