package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares Vigil's SIGUSR1 dump with the one keepalived 2.2.7 wrote for the same configuration
 * (keepalived-sample.conf; keepalived ran in a network namespace as MASTER, was sent SIGUSR1, and its
 * /tmp/keepalived.data was kept as keepalived-2.2.7.data).
 */
class KeepalivedDataDumpTest {
    /** When keepalived's sample says its instance last changed state (Sat Nov 21 05:38:26.848810 2026, UTC). */
    private static final Instant SAMPLE_TRANSITION = Instant.ofEpochSecond(1795239506L, 848810_000L);

    @Test
    void everyLineIsKeepalivedsLineInKeepalivedsOrder() throws IOException {
        String ours = render("MASTER", true, SAMPLE_TRANSITION);
        List<String> theirs = resource("keepalived-2.2.7.data").lines().toList();
        int at = 0;
        for (String line : ours.lines().toList()) {
            int found = theirs.subList(at, theirs.size()).indexOf(line);
            assertTrue(found >= 0, "not in keepalived's dump after line " + at + ": '" + line + "'\n" + ours);
            at += found + 1;
        }
    }

    @Test
    void coversTheInstanceLinesThatMatter() throws IOException {
        String ours = render("MASTER", true, SAMPLE_TRANSITION);
        for (String expected : List.of(
                "------< Global definitions >------", " Router ID = obs1", "------< VRRP Topology >------",
                " VRRP Instance = VI_1", "   State = MASTER",
                "   Last transition = 1795239506.848810 (Sat Nov 21 05:38:26.848810 2026)",
                "   Master down timer = 3414062 usecs", "   Interface = vglobv0", "   Using src_ip = 10.77.0.2", "   Virtual Router ID = 51",
                "   Priority = 150", "   Effective priority = 150", "   Advert interval = 1 sec",
                "   Authentication type = SIMPLE_PASSWORD", "   Password = s3cr3t", "   Virtual IP (2):",
                "     10.77.0.100/24 dev vglobv0 scope global set", "     10.77.0.101 dev vglobv0 scope global set")) {
            assertTrue(ours.lines().anyMatch(expected::equals), "missing '" + expected + "' in\n" + ours);
        }
    }

    @Test
    void liveStateComesFromTheSnapshot() throws IOException {
        String backup = render("BACKUP", false, null);
        assertTrue(backup.contains("   State = BACKUP\n"), backup);
        assertTrue(backup.contains("   Effective priority = 140\n"), backup);
        assertTrue(backup.contains("     10.77.0.101 dev vglobv0 scope global\n"), "VIPs not set: " + backup);
        assertTrue(backup.contains("   Using src_ip = 10.77.0.2\n"), "the interface's address: " + backup);
        assertTrue(backup.contains("   Last transition = " + Snapshots.STARTED.getEpochSecond() + ".000000 "),
                "before the first transition, the start time (as keepalived's allocation time): " + backup);
    }

    @Test
    void anInstanceVrrpDoesNotRunIsInit() throws IOException {
        KeepalivedConfig config = sampleConfig();
        String dump = KeepalivedDataDump.render(config,
                new StatusSnapshot(Snapshots.daemon(null, null), List.of(), List.of()), ZoneId.of("UTC"),
                (ifname, vips) -> null);
        assertTrue(dump.contains("   State = INIT\n"), dump);
        assertTrue(dump.contains("   Effective priority = 150\n"), dump);
        assertFalse(dump.contains("Using src_ip"), "no address known: " + dump);
    }

    private static String render(String state, boolean set, Instant changed) throws IOException {
        StatusSnapshot.Instance live = new StatusSnapshot.Instance("VI_1", "vglobv0", 51, state, 150,
                state.equals("MASTER") ? 150 : 140, state.equals("MASTER") ? "10.77.0.2" : "10.77.0.9",
                List.of("10.77.0.100", "10.77.0.101"), set, changed, null, null, Map.of());
        return KeepalivedDataDump.render(sampleConfig(),
                new StatusSnapshot(Snapshots.daemon(null, null), List.of(live), List.of()), ZoneId.of("UTC"),
                (ifname, vips) -> ifname.equals("vglobv0") && vips.equals(List.of("10.77.0.100", "10.77.0.101"))
                        ? "10.77.0.2" : null);
    }

    private static KeepalivedConfig sampleConfig() throws IOException {
        LoadResult r = ConfigLoader.load(Path.of("keepalived-sample.conf"), resource("keepalived-sample.conf"),
                LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r.config();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = KeepalivedDataDumpTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
