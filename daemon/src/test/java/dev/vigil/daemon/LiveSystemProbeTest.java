package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live probe on this machine's kernel (no privileges needed: dumps and family lookups are unprivileged). */
class LiveSystemProbeTest {
    @Test
    void seesLoopbackAndNotAnInventedInterface() throws Exception {
        Set<String> names = SystemProbe.LIVE.interfaceNames();
        assertTrue(names.contains("lo"), names.toString());
        assertFalse(names.contains("vglpkgnone0"), names.toString());
    }

    @Test
    void ipvsVerdictMatchesTheKernel() {
        // This build machine's kernel has no IPVS (the "IPVS" family is absent, /proc/net/ip_vs missing), so the
        // probe says false here; on an IPVS kernel the probe may load ip_vs, after which /proc/net/ip_vs exists.
        boolean available = SystemProbe.LIVE.ipvsAvailable();
        assertEquals(Files.exists(Path.of("/proc/net/ip_vs")), available);
    }
}
