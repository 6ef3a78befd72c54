package dev.vigil.ipvs.vm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IPVS against a real kernel: boots the stock Debian kernel under QEMU (this machine's kernel has no IPVS) and
 * runs {@link IpvsKernelChecks} inside it; every check reads the kernel back through {@code ipvsadm}, the oracle.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IpvsKernelVmTest {
    private VmRunner.Result checks;

    @BeforeAll
    void bootOnceAndRunEveryCheck() throws Exception {
        checks = VmRunner.runJava(IpvsKernelChecks.class, Duration.ofMinutes(6));
        System.out.println(checks.console());
        System.out.println("guest booted in " + checks.bootTime() + " (uptime at /init's command); whole run took "
                + checks.millis() + " ms; figures " + checks.figures());
    }

    @Test
    void smokeIpvsadmWorksInTheGuest() throws Exception {
        VmRunner.Result r = VmRunner.run(List.of("sh", "-c",
                "ipvsadm -A -t 10.0.0.1:80 -s rr && ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 3 && ipvsadm -Ln"),
                Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.console());
        assertTrue(r.console().contains("TCP  10.0.0.1:80 rr"), r.console());
        assertTrue(r.console().matches("(?s).*-> 10\\.0\\.0\\.2:80 +Masq +3 .*"), r.console());
        System.out.println("smoke VM run (boot + ipvsadm + poweroff): " + r.millis() + " ms, guest booted in "
                + r.bootTime());
    }

    @Test
    void guestProgramRanToCompletion() {
        assertEquals(0, checks.exitCode(), checks.console());
        assertTrue(checks.console().contains("VMDONE"), checks.console());
    }

    @Test
    void everyKernelCheckPassed() {
        Map<String, String> all = checks.checks();
        assertTrue(all.size() >= IpvsKernelChecks.EXPECTED_CHECKS, "checks run: " + all.keySet());
        all.forEach((name, verdict) -> assertTrue(verdict.startsWith("PASS"), name + ": " + verdict));
    }
}
