package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, supervision: the VRRP thread of a MASTER Vigil dies (fault injected through the test-only
 * {@code FaultInjectingMain}); the supervisor logs keepalived's respawn lines, restarts VRRP alone after the 1 s
 * backoff, and afterwards the node is MASTER again with the VIP configured exactly once in the whole lab, in the same
 * process. A second quick crash waits 2 s, as keepalived's respawn rate limit.
 */
@Tag("netns")
class VrrpSubsystemRestartTest {
    private static final String VIP = "10.96.0.100";

    private static String conf(String state, int priority) {
        return """
                global_defs {
                  router_id NODE_%d
                }
                vrrp_instance VI_1 {
                  state %s
                  interface eth0
                  virtual_router_id 61
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(priority, state, priority, VIP);
    }

    /** How many times {@link #VIP} is configured on {@code host}. */
    private static long vipCount(NetHost host) {
        return host.exec("ip", "-4", "-o", "addr", "show").output().lines()
                .filter(l -> l.contains(" inet " + VIP + "/")).count();
    }

    private static long count(Path log, String fragment) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(fragment)).count() : 0;
    }

    /**
     * Vigil through the test-only {@code FaultInjectingMain} in {@code host}: its VRRP thread dies each time the file
     * {@code crash-vrrp} appears in its directory ({@code vigil-NAME} in the lab), and it logs to {@code vigil.log}
     * there.
     */
    private static Process startCrashable(NetLab lab, NetHost host, String config, String... extraArgs)
            throws IOException {
        Path dir = Files.createDirectories(lab.workDir().resolve("vigil-" + host.name()));
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.logging.format = text\n"
                + "vigil.status.socket = \"" + dir.resolve("vigil.sock") + "\"\n");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("env", "TMPDIR=" + dir, java, "-XX:+UseSerialGC", "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.vigil.daemon.FaultInjectingMain", dir.resolve("crash-vrrp").toString(), "-n", "-l", "-D",
                "-f", conf.toString(), "--settings", settings.toString(), "-p", dir.resolve("vigil.pid").toString()));
        cmd.addAll(List.of(extraArgs));
        return host.start(dir.resolve("vigil.log"), cmd.toArray(String[]::new));
    }

    @Test
    void aCrashedVrrpSubsystemIsRestartedAndTheMasterComesBackWithOneVip() throws Exception {
        try (NetLab lab = NetLab.create("sup")) {
            NetHost a = lab.addHost("a", "10.96.0.1/24");
            NetHost b = lab.addHost("b", "10.96.0.2/24");
            Path dir = lab.workDir().resolve("vigil-a");
            Path trigger = dir.resolve("crash-vrrp");
            Path log = dir.resolve("vigil.log");
            Process nodeA = startCrashable(lab, a, conf("MASTER", 150));
            try (VigilNode nodeB = VigilNode.start(lab, b, conf("BACKUP", 100))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.hasAddress(VIP)
                        && nodeB.logged("(VI_1) Entering BACKUP STATE"));
                long pid = nodeA.pid();

                Files.writeString(trigger, "");
                await().atMost(Duration.ofSeconds(10)).until(() -> count(log, "VRRP subsystem died: Respawning") == 1);
                assertEquals(1, count(log, "Restart of VRRP subsystem delayed 1 seconds to limit respawn rate"),
                        Files.readString(log));
                await().atMost(Duration.ofSeconds(10)).until(() -> count(log, "Restarting the VRRP subsystem") == 1);
                // re-elected: MASTER again (the peer may have taken over meanwhile and must have handed back)
                await().atMost(Duration.ofSeconds(20)).until(() -> count(log, "(VI_1) Entering MASTER STATE") == 2
                        && vipCount(a) == 1 && vipCount(b) == 0);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> vipCount(a) == 1 && vipCount(b) == 0);
                assertTrue(nodeA.isAlive());
                assertEquals(pid, nodeA.pid(), "the same process: only the subsystem restarted");

                // a second crash soon after: keepalived's backoff doubles
                Files.writeString(trigger, "");
                await().atMost(Duration.ofSeconds(10)).until(() -> count(log, "VRRP subsystem died: Respawning") == 2);
                assertEquals(1, count(log, "Restart of VRRP subsystem delayed 2 seconds to limit respawn rate"),
                        Files.readString(log));
                await().atMost(Duration.ofSeconds(25)).until(() -> count(log, "(VI_1) Entering MASTER STATE") == 3
                        && vipCount(a) == 1 && vipCount(b) == 0);

                // an orderly stop after restarts still releases the VIP
                nodeA.destroy();
                assertTrue(nodeA.waitFor(15, TimeUnit.SECONDS));
                assertEquals(0, nodeA.exitValue(), Files.readString(log));
                await().atMost(Duration.ofSeconds(10)).until(() -> vipCount(a) == 0 && vipCount(b) == 1);
            } finally {
                nodeA.destroyForcibly();
                System.out.println("---- vigil log (a) ----\n" + (Files.exists(log) ? Files.readString(log) : ""));
            }
        }
    }

    @Test
    void withDontRespawnACrashStopsTheDaemon() throws Exception {
        try (NetLab lab = NetLab.create("sur")) {
            NetHost a = lab.addHost("a", "10.96.0.1/24");
            Path log = lab.workDir().resolve("vigil-a").resolve("vigil.log");
            Process node = startCrashable(lab, a, conf("MASTER", 150), "-R");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.hasAddress(VIP));
                Files.writeString(lab.workDir().resolve("vigil-a").resolve("crash-vrrp"), "");
                assertTrue(node.waitFor(20, TimeUnit.SECONDS), "the daemon exits");
                assertEquals(1, node.exitValue(), Files.readString(log));
                assertEquals(1, count(log, "VRRP subsystem died: Exiting"), Files.readString(log));
                assertEquals(0, count(log, "Restarting the VRRP subsystem"), Files.readString(log));
            } finally {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void aRestartThatCannotWorkStopsTheDaemonWithKeepalivedsCode() throws Exception {
        try (NetLab lab = NetLab.create("sup")) {
            NetHost a = lab.addHost("a", "10.96.0.1/24");
            Path log = lab.workDir().resolve("vigil-a").resolve("vigil.log");
            Process node = startCrashable(lab, a, conf("MASTER", 150));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.hasAddress(VIP));
                a.exec("ip", "link", "del", "eth0"); // its interface is gone: a restart would fail every time
                Files.writeString(lab.workDir().resolve("vigil-a").resolve("crash-vrrp"), "");
                assertTrue(node.waitFor(20, TimeUnit.SECONDS), "the daemon exits");
                assertEquals(2, node.exitValue(), Files.readString(log));
                assertEquals(1, count(log, "VRRP subsystem exited with permanent error CONFIG. Terminating"),
                        Files.readString(log));
                assertEquals(1, count(log, "Restarting the VRRP subsystem"), "tried once, not again");
            } finally {
                node.destroyForcibly();
            }
        }
    }
}
