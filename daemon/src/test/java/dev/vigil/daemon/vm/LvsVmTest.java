package dev.vigil.daemon.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.vm.VmRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 4 end to end on a real IPVS kernel (QEMU, ipvs-sync's harness): {@link LvsEndToEnd} runs Vigil's checker
 * subsystem against namespaced real servers in LVS-NAT and LVS-DR; {@code ipvsadm} and client requests are the
 * oracles.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LvsVmTest {
    private VmRunner.Result run;

    @BeforeAll
    void runTheGuestScenario() throws Exception {
        run = VmRunner.runJava(LvsEndToEnd.class, Duration.ofMinutes(7));
        System.out.println(run.console());
        System.out.println("LVS end-to-end VM run: " + run.millis() + " ms, guest booted in " + run.bootTime()
                + "; figures " + run.figures());
    }

    @Test
    void guestProgramRanToCompletion() {
        assertEquals(0, run.exitCode(), run.console());
        assertTrue(run.console().contains("VMDONE"), run.console());
    }

    @Test
    void everyScenarioPassed() {
        Map<String, String> checks = run.checks();
        assertTrue(checks.size() >= LvsEndToEnd.EXPECTED_CHECKS, "checks run: " + checks.keySet());
        checks.forEach((name, verdict) -> assertTrue(verdict.startsWith("PASS"), name + ": " + verdict));
    }
}
