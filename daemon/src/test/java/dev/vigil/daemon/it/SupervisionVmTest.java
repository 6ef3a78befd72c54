package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.vm.VmRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, supervision on a real IPVS kernel (QEMU): the VRRP subsystem of a whole daemon crashes and restarts while
 * the checker subsystem keeps its IPVS table and keeps checking ({@link SupervisionVmGuest}).
 */
@Tag("vm")
class SupervisionVmTest {
    @Test
    void aVrrpCrashLeavesTheCheckerSubsystemRunning() throws Exception {
        VmRunner.Result run = VmRunner.runJava(SupervisionVmGuest.class, Duration.ofMinutes(8));
        System.out.println(run.console());
        System.out.println("supervision VM run: " + run.millis() + " ms; figures " + run.figures());
        assertEquals(0, run.exitCode(), run.console());
        assertTrue(run.console().contains("VMDONE"), run.console());
        Map<String, String> checks = run.checks();
        for (String name : SupervisionVmGuest.checkNames()) {
            assertTrue(checks.containsKey(name), name + " did not run: " + checks.keySet());
            assertTrue(checks.get(name).startsWith("PASS"), name + ": " + checks.get(name));
        }
    }
}
