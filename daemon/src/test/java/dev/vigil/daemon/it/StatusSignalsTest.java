package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.daemon.ConfigReader;
import dev.vigil.daemon.Main;
import dev.vigil.linux.testing.Keepalived;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 5, live state, on a real daemon process in a network namespace: {@code vigil status} (table and JSON) shows the
 * instance as it becomes MASTER and after a SIGHUP reload; SIGUSR1/SIGUSR2 write keepalived.data/keepalived.stats (mode 0600) in $TMPDIR; and
 * (tag keepalived) Vigil's data dump is, line for line, part of the one keepalived 2.2.7 writes for the same config.
 */
class StatusSignalsTest {
    private static final Duration UP = Duration.ofSeconds(30);

    /** What a status query printed, and its exit code. */
    record Answer(int code, String out) {
    }

    static Answer vigilStatus(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine(ConfigReader.KEEPALIVED_CONF);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        return new Answer(code, out.toString());
    }

    static JsonNode json(Path sock) throws IOException {
        Answer a = vigilStatus("status", "--json", "--socket", sock.toString());
        assertEquals(0, a.code(), a.out());
        return new ObjectMapper().readTree(a.out());
    }

    /** The daemon as a child process in {@code host}, with its own status socket and TMPDIR under {@code dir}. */
    static Process startVigil(NetHost host, Path dir, String config) throws IOException {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path settings = Files.writeString(dir.resolve("vigil.conf"),
                "vigil.status.socket = \"" + dir.resolve("vigil.sock") + "\"\nvigil.logging.format = text\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return host.start(dir.resolve("vigil.log"), "env", "TMPDIR=" + dir, java, "-XX:+UseSerialGC", "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main",
                "-n", "-l", "-f", conf.toString(), "--settings", settings.toString(),
                "-p", dir.resolve("vigil.pid").toString());
    }

    static void signal(Process p, String sig) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    static String log(Path dir) throws IOException {
        Path log = dir.resolve("vigil.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    @Test
    @Tag("netns")
    void statusShowsTheInstanceAndSignalsWriteTheDumps() throws Exception {
        try (NetLab lab = NetLab.create("st")) {
            NetHost a = lab.addHost("a", "10.99.0.1/24");
            Path dir = Files.createDirectories(lab.workDir().resolve("vigil"));
            Path sock = dir.resolve("vigil.sock");
            Process vigil = startVigil(a, dir, VrrpConf.instance("BACKUP", 150));
            try {
                await().atMost(UP).until(() -> Files.exists(sock) || !vigil.isAlive());
                assertTrue(vigil.isAlive(), log(dir));
                assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));

                // alone on the link, the BACKUP becomes MASTER after Master_Down_Interval
                await().atMost(UP).until(() -> json(sock).at("/instances/0/state").asText().equals("MASTER"));
                JsonNode s = json(sock);
                assertEquals(vigil.pid(), s.at("/daemon/pid").asLong());
                JsonNode vi = s.at("/instances/0");
                assertEquals("VI_1", vi.get("name").asText());
                assertEquals("eth0", vi.get("interfaceName").asText());
                assertEquals(51, vi.get("vrid").asInt());
                assertEquals(150, vi.get("basePriority").asInt());
                assertEquals(150, vi.get("effectivePriority").asInt());
                assertEquals(VrrpConf.VIP, vi.at("/vips/0").asText());
                await().atMost(UP).until(() -> json(sock).at("/instances/0/vipsSet").asBoolean());
                assertTrue(a.hasAddress(VrrpConf.VIP));
                assertFalse(vi.get("lastChange").isNull());
                assertTrue(vi.at("/counters/BECAME_MASTER").asLong() >= 1, vi.toString());

                Answer table = vigilStatus("status", "--socket", sock.toString());
                assertEquals(0, table.code(), table.out());
                assertTrue(table.out().lines().anyMatch(l -> l.matches("VI_1 +eth0 +51 +MASTER +150 +150 .*")),
                        table.out());

                Path data = dir.resolve("keepalived.data");
                Path stats = dir.resolve("keepalived.stats");
                signal(vigil, "USR1");
                await().atMost(UP).until(() -> Files.exists(data));
                String dump = Files.readString(data);
                assertTrue(dump.contains(" VRRP Instance = VI_1\n   VRRP Version = 2\n   State = MASTER\n"), dump);
                assertTrue(dump.contains("     10.99.0.100/24 dev eth0 scope global set\n"), dump);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));

                signal(vigil, "USR2");
                await().atMost(UP).until(() -> Files.exists(stats));
                String counters = Files.readString(stats);
                assertTrue(counters.startsWith("VRRP Instance: VI_1\n  Advertisements:\n"), counters);
                assertTrue(counters.contains("  Became master: 1\n"), counters);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stats)));
                assertTrue(vigil.isAlive(), "signals do not stop the daemon\n" + log(dir));

                // SIGHUP with a new priority: status shows it and the reload's result
                assertTrue(json(sock).at("/daemon/lastReload").isNull());
                Files.writeString(dir.resolve("keepalived.conf"), VrrpConf.instance("BACKUP", 200));
                signal(vigil, "HUP");
                await().atMost(UP).until(() -> json(sock).at("/instances/0/basePriority").asInt() == 200);
                await().atMost(UP).until(() -> json(sock).at("/daemon/lastReloadResult").asText().equals("applied"));
                assertEquals("MASTER", json(sock).at("/instances/0/state").asText(), "a reload is flap-free");

                vigil.destroy(); // SIGTERM
                assertTrue(vigil.waitFor(20, TimeUnit.SECONDS), log(dir));
                assertEquals(0, vigil.exitValue(), log(dir));
                assertFalse(Files.exists(sock), "the socket is removed at exit");
                Answer gone = vigilStatus("status", "--socket", sock.toString());
                assertEquals(3, gone.code(), gone.out());
            } finally {
                System.out.println("---- vigil log ----\n" + log(dir));
            }
        }
    }

    @Test
    @Tag("keepalived")
    void masterDataDumpIsPartOfKeepalivedsForTheSameConfig() throws Exception {
        String config = VrrpConf.instance("BACKUP", 150);
        String ours;
        try (NetLab lab = NetLab.create("sv")) {
            ours = vigilDump(lab.addHost("a", "10.99.0.1/24"), lab, config, "MASTER");
        }
        String theirs;
        try (NetLab lab = NetLab.create("sk")) {
            theirs = keepalivedDump(lab.addHost("a", "10.99.0.1/24"), lab, config, true);
        }
        assertOrderedPart(ours, theirs);
    }

    @Test
    @Tag("keepalived")
    void backupDataDumpIsPartOfKeepalivedsForTheSameConfig() throws Exception {
        String backup = VrrpConf.instance("BACKUP", 150);
        String master = VrrpConf.instance("MASTER", 200);
        String ours;
        try (NetLab lab = NetLab.create("sw")) { // keepalived masters, Vigil backs up
            NetHost m = lab.addHost("m", "10.99.0.1/24");
            NetHost b = lab.addHost("b", "10.99.0.2/24");
            Keepalived.start(m.netns(), lab.workDir().resolve("keepalived"), master, "-P");
            await().atMost(UP).until(() -> m.hasAddress(VrrpConf.VIP));
            ours = vigilDump(b, lab, backup, "BACKUP");
        }
        String theirs;
        try (NetLab lab = NetLab.create("sj")) { // Vigil masters, keepalived backs up
            NetHost m = lab.addHost("m", "10.99.0.1/24");
            NetHost b = lab.addHost("b", "10.99.0.2/24");
            Path vdir = Files.createDirectories(lab.workDir().resolve("vigil-m"));
            Process vigil = startVigil(m, vdir, master);
            await().atMost(UP).until(() -> m.hasAddress(VrrpConf.VIP) || !vigil.isAlive());
            assertTrue(vigil.isAlive(), log(vdir));
            theirs = keepalivedDump(b, lab, backup, false);
        }
        assertTrue(ours.contains("   State = BACKUP\n"), ours);
        assertTrue(theirs.contains("   State = BACKUP\n"), theirs);
        assertOrderedPart(ours, theirs);
    }

    /** Starts Vigil on {@code host}, waits for {@code state} (with its VIPs set when MASTER), returns its SIGUSR1 dump. */
    private static String vigilDump(NetHost host, NetLab lab, String config, String state) throws Exception {
        Path dir = Files.createDirectories(lab.workDir().resolve("vigil"));
        Path sock = dir.resolve("vigil.sock");
        Process vigil = startVigil(host, dir, config);
        await().atMost(UP).until(() -> Files.exists(sock) || !vigil.isAlive());
        assertTrue(vigil.isAlive(), log(dir));
        await().atMost(UP).until(() -> json(sock).at("/instances/0/state").asText().equals(state)
                && json(sock).at("/instances/0/vipsSet").asBoolean() == state.equals("MASTER"));
        signal(vigil, "USR1");
        await().atMost(UP).until(() -> Files.exists(dir.resolve("keepalived.data")));
        return Files.readString(dir.resolve("keepalived.data"));
    }

    /** Starts keepalived 2.2.7 on {@code host}, waits until it is MASTER or BACKUP, returns its SIGUSR1 dump. */
    private static String keepalivedDump(NetHost host, NetLab lab, String config, boolean master) throws Exception {
        Keepalived k = Keepalived.start(host.netns(), lab.workDir().resolve("keepalived-" + host.name()), config, "-P");
        k.awaitLogged(master ? "(VI_1) Entering MASTER STATE" : "(VI_1) Entering BACKUP STATE", UP);
        if (master) {
            await().atMost(UP).until(() -> host.hasAddress(VrrpConf.VIP));
        }
        k.signal("USR1");
        Path data = k.dir().resolve("keepalived.data");
        await().atMost(UP).until(() -> Files.exists(data)
                && Files.readString(data).contains("------< Interfaces >------"));
        return Files.readString(data);
    }

    /** Every line of Vigil's dump is a line of keepalived's, in the same order; and most of the VRRP part is there. */
    private static void assertOrderedPart(String ours, String theirs) {
        System.out.println("---- Vigil's keepalived.data ----\n" + ours + "---- keepalived's ----\n" + theirs);
        List<String> mine = normalise(ours);
        List<String> ref = normalise(theirs);
        int at = 0;
        for (String line : mine) {
            int found = ref.subList(at, ref.size()).indexOf(line);
            assertTrue(found >= 0, "'" + line + "' is not in keepalived's dump (in order)\n--- ours\n" + ours
                    + "\n--- keepalived\n" + theirs);
            at += found + 1;
        }
        assertTrue(mine.size() >= 50, "covers most of keepalived's VRRP dump: " + mine.size() + " lines");
    }

    /** The transition time differs between two runs; everything else must be identical. */
    private static List<String> normalise(String dump) {
        return dump.lines().map(l -> l.startsWith("   Last transition = ") ? "   Last transition = T" : l).toList();
    }
}
