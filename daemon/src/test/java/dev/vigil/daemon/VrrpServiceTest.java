package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the VRRP bean runs and when it refuses to (no sockets are opened in these cases). */
class VrrpServiceTest {
    @TempDir
    Path dir;

    private LoadResult load(String text) throws Exception {
        LoadResult r = ConfigLoader.load(Files.writeString(dir.resolve("k.conf"), text), LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r;
    }

    private static final String INSTANCE_ON_MISSING_INTERFACE = """
            vrrp_instance VI_1 {
              interface vglnosuch0
              virtual_router_id 51
              virtual_ipaddress {
                10.0.0.100
              }
            }
            """;

    private VrrpService service(LoadResult config, String... args) {
        CurrentConfig current = new CurrentConfig(config);
        DaemonOptions options = new Cli().parse(args);
        Notifications notifications = new Notifications(current);
        Supervisor supervisor = new Supervisor(options, new SignalRouter());
        supervisor.close(); // only watched: nothing dies in these tests
        return new VrrpService(options, current, notifications,
                new CheckerService(options, current, notifications, supervisor), supervisor);
    }

    @Test
    void noInstancesNoVrrp() throws Exception {
        VrrpService s = service(load("global_defs {\n  router_id R1\n}\n"), "-f", "k.conf");
        assertFalse(s.running());
        assertEquals(List.of(), s.status());
        s.stop(); // harmless
    }

    @Test
    void checkersOnlyRunsNoVrrp() throws Exception {
        VrrpService s = service(load(INSTANCE_ON_MISSING_INTERFACE), "-C", "-f", "k.conf");
        assertFalse(s.running());
    }

    @Test
    void aMissingInterfaceIsAClearStartFailure() throws Exception {
        VrrpService.VrrpStartException e = assertThrows(VrrpService.VrrpStartException.class,
                () -> service(load(INSTANCE_ON_MISSING_INTERFACE), "-f", "k.conf"));
        assertTrue(e.getMessage().contains("(VI_1) interface vglnosuch0 does not exist"), e.getMessage());
    }

    @Test
    void theDaemonExitsWithConfigErrorOnAMissingInterfaceAsKeepalivedDoes() throws Exception {
        // The start-up self-check catches the missing interface before VRRP starts: keepalived 2.2.7 exits 2 (CONFIG).
        LoadResult config = load(INSTANCE_ON_MISSING_INTERFACE);
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.logging.format = text\n");
        DaemonOptions options = new Cli().parse("-f", dir.resolve("k.conf").toString(), "-p",
                dir.resolve("v.pid").toString(), "--settings", settings.toString());
        int code = new DaemonRun(new Cli.StubReader(config), options, SignalSource.NONE, java.util.Optional::empty,
                new SignalRouter()).run();
        assertEquals(ExitCodes.CONFIG, code);
        assertFalse(Files.exists(dir.resolve("v.pid")), "no pid file for a daemon that did not start");
    }
}
