package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.vm.VmRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, the lab where the kernel has IPVS (QEMU, ipvs-sync's harness): the LVS-DR virtual server is set up by both
 * directors and the client is served by the real servers before and after the failover ({@link LabInVm}).
 */
@org.junit.jupiter.api.Tag("vm")
class LabVmTest {
    @Test
    void labWithIpvsServesTheClientThroughTheRealServers() throws Exception {
        VmRunner.Result run = VmRunner.runJava(LabInVm.class, Duration.ofMinutes(12));
        System.out.println(run.console());
        System.out.println("lab VM run: " + run.millis() + " ms, guest booted in " + run.bootTime() + "; figures "
                + run.figures());
        assertEquals(0, run.exitCode(), run.console());
        assertTrue(run.console().contains("VMDONE"), run.console());
        Map<String, String> checks = run.checks();
        assertEquals(LabInVm.EXPECTED_CHECKS, checks.size(), "checks run: " + checks);
        checks.forEach((name, verdict) -> assertTrue(verdict.startsWith("PASS"), name + ": " + verdict));
    }
}
