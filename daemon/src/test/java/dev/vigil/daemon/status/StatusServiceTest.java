package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.daemon.CurrentConfig;
import dev.vigil.daemon.DaemonOptions;
import dev.vigil.daemon.SignalRouter;
import dev.vigil.daemon.VigilSignal;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.runtime.InstanceStatus;
import dev.vigil.vrrp.stats.Counter;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bean's signal handling and socket, without a container. */
class StatusServiceTest {
    @TempDir
    Path dir;

    private final SignalRouter router = new SignalRouter();

    private static DaemonOptions options(boolean checkerOnly) {
        return new DaemonOptions(Path.of("/etc/keepalived/keepalived.conf"), false, checkerOnly, false, false,
                Optional.empty(), false, Optional.empty(), Optional.empty(), Path.of("/run/vigil/vigil.pid"),
                Optional.empty(), Optional.empty(), false, null, false, false, false, false, false, List.of());
    }

    private VigilSettings settings() {
        VigilSettings d = VigilSettings.defaults();
        return new VigilSettings(d.logging(), new VigilSettings.Status(dir.resolve("vigil.sock")), d.metrics(),
                d.email(), d.timers());
    }

    private static CurrentConfig config(String text) {
        LoadResult r = ConfigLoader.load(Path.of("keepalived.conf"), text, LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return new CurrentConfig(r);
    }

    private static InstanceStatus master() throws IOException {
        Map<Counter, Long> counters = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            counters.put(c, c == Counter.ADVERT_SENT ? 7L : 0L);
        }
        return new InstanceStatus("VI_1", "vglobv0", 51, VrrpState.MASTER, 150, 150,
                (Inet4Address) InetAddress.getByName("10.77.0.2"), List.of(), true, null, null, null, counters);
    }

    private StatusService service(DaemonOptions options, CurrentConfig config) throws IOException {
        InstanceStatus vi = master();
        return new StatusService(options, settings(), config, router,
                List.of(new VrrpStatusSource(() -> List.of(vi))), new DumpFiles(dir));
    }

    /** Delivers the signals then TERM, and runs the supervisor loop until it has handled them all. */
    private void signal(VigilSignal... signals) throws InterruptedException {
        for (VigilSignal s : signals) {
            router.deliver(s);
        }
        router.deliver(VigilSignal.TERM);
        router.runUntilStop();
    }

    @Test
    void usr1AndUsr2WriteKeepalivedsFiles() throws Exception {
        String conf = KeepalivedDataDumpTest.resource("keepalived-sample.conf");
        StatusService s = service(options(false), config(conf));
        try {
            signal(VigilSignal.USR1, VigilSignal.USR2);
            String data = Files.readString(dir.resolve("keepalived.data"));
            assertTrue(data.contains(" VRRP Instance = VI_1\n   VRRP Version = 2\n   State = MASTER\n"), data);
            String stats = Files.readString(dir.resolve("keepalived.stats"));
            assertTrue(stats.startsWith("VRRP Instance: VI_1\n  Advertisements:\n    Received: 0\n    Sent: 7\n"),
                    stats);
            assertEquals(stats, StatusClient.ask(dir.resolve("vigil.sock"), "stats", Duration.ofSeconds(5)),
                    "the socket's stats request answers the same text");
        } finally {
            s.close();
        }
        assertFalse(Files.exists(dir.resolve("vigil.sock")));
    }

    @Test
    void withoutVrrpNoDumpIsWritten() throws Exception {
        StatusService noInstances = service(options(false), config("global_defs {\n  router_id x\n}\n"));
        StatusService checkersOnly = service(options(true),
                config(KeepalivedDataDumpTest.resource("keepalived-sample.conf")));
        try {
            signal(VigilSignal.USR1, VigilSignal.USR2);
            assertFalse(Files.exists(dir.resolve("keepalived.data")));
            assertFalse(Files.exists(dir.resolve("keepalived.stats")));
        } finally {
            noInstances.close();
            checkersOnly.close();
        }
    }

    @Test
    void aSocketThatCannotBeOpenedDoesNotStopTheDaemon() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where the socket's directory should be\n");
        VigilSettings d = VigilSettings.defaults();
        VigilSettings bad = new VigilSettings(d.logging(),
                new VigilSettings.Status(dir.resolve("blocker/vigil.sock")), d.metrics(), d.email(), d.timers());
        StatusService s = new StatusService(options(false), bad, config("! empty\n"), router, List.of(),
                new DumpFiles(dir));
        try {
            assertEquals(0, s.snapshot().instances().size(), "the service works without its socket");
        } finally {
            s.close();
        }
    }
}
