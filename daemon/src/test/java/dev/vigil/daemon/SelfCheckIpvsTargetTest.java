package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.settings.VigilSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil.checkers.ipvs = none}: the checkers need no IPVS, so the start-up check keeps them on this machine,
 * whose kernel has no IPVS; with {@code kernel} (the default) they are switched off here as before.
 */
class SelfCheckIpvsTargetTest {
    @TempDir
    Path dir;

    @Test
    void withoutKernelIpvsTheCheckersStayOnOnlyWhenTheyKeepTheirTableInMemory() throws Exception {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), """
                virtual_server 192.0.2.10 80 {
                    protocol TCP
                    lb_algo rr
                    lb_kind NAT
                    real_server 127.0.0.1 8080 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """);
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        DaemonOptions options = new Cli().parse();

        SelfCheck.Outcome none = SelfCheck.live(new VigilSettings.Checkers(VigilSettings.IpvsTarget.NONE))
                .run(r.config(), options);
        assertEquals(ExitCodes.OK, none.exitCode());
        assertTrue(none.options().runsCheckers());

        if (!SystemProbe.LIVE.ipvsAvailable()) { // this build machine: no IPVS in the kernel
            SelfCheck.Outcome kernel = SelfCheck.live(VigilSettings.defaults().checkers()).run(r.config(), options);
            assertEquals(ExitCodes.OK, kernel.exitCode());
            assertFalse(kernel.options().runsCheckers());
        }
    }
}
