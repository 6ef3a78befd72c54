package dev.vigil.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.testing.Exec;
import dev.vigil.linux.testing.Keepalived;
import dev.vigil.linux.testing.Netns;
import dev.vigil.linux.testing.Tcpdump;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared kernel-test fixtures every module's tests stand on: namespaces wire up as asked and leave nothing
 * behind, and a fixture that cannot do its job says why (with the tool's own words) instead of hanging.
 */
@Tag("netns")
class TestFixturesNetnsTest {
    @TempDir
    Path dir;

    @Test
    void closingKillsEveryProcessInsideAndDeletesTheNamespace() throws Exception {
        Netns ns = Netns.create("ft");
        String name = ns.name();
        Process started = ns.start(dir.resolve("sleep.log"), "sleep", "600");
        // a daemon that left its launcher behind: only `ip netns pids` still knows it is ours
        ns.exec("sh", "-c", "setsid sleep 601 >/dev/null 2>&1 < /dev/null &");
        await().atMost(Duration.ofSeconds(5)).until(() -> pids(name).size() >= 2);
        List<Long> inside = pids(name);

        ns.close();

        assertFalse(started.isAlive(), "started process killed");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                inside.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertFalse(Exec.check("ip", "netns", "list").contains(name), "namespace deleted");
    }

    @Test
    void aJvmStoppedMidTestLeavesNoNamespaceAndNoProcessBehind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AbandonedNamespace.class.getName()).redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String name = out.readLine();
        assertTrue(name != null && name.startsWith("vgab-" + jvm.pid() + "-"), "the child's namespace: " + name);
        List<Long> inside = pids(name);
        assertFalse(inside.isEmpty(), "sleep runs inside");

        jvm.destroy(); // SIGTERM, as surefire's timeout would
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));

        assertFalse(Exec.check("ip", "netns", "list").contains(name), "namespace deleted by the shutdown hook");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                inside.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    /** A test JVM that stops mid-test: creates a namespace with a process in it, then waits to be killed. */
    static final class AbandonedNamespace {
        public static void main(String[] args) throws Exception {
            Netns ns = Netns.create("ab");
            Path log = Files.createTempFile("vgab", ".log");
            ns.start(log, "sleep", "600");
            await().atMost(Duration.ofSeconds(10)).until(() -> !pids(ns.name()).isEmpty());
            System.out.println(ns.name());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void namesAreUniqueAndCarryTheTagAndPid() throws Exception {
        try (Netns a = Netns.create("ft"); Netns b = Netns.create("ft")) {
            assertTrue(a.name().startsWith("vgft-" + ProcessHandle.current().pid() + "-"), a.name());
            assertFalse(a.name().equals(b.name()));
            assertThrows(IllegalArgumentException.class, () -> Netns.create("Bad-tag"));
        }
    }

    @Test
    void aVethJoinsTwoNamespacesAndABridgeJoinsMore() throws Exception {
        try (Netns left = Netns.create("ft"); Netns right = Netns.create("ft"); Netns sw = Netns.create("ft");
             Netns third = Netns.create("ft")) {
            left.veth("vA", right, "vB");
            left.address("vA", "10.9.0.1/24");
            right.address("vB", "10.9.0.2/24");
            assertTrue(left.tryExec(Duration.ofSeconds(10), "ping", "-c", "1", "-W", "2", "10.9.0.2").ok());
            assertTrue(right.link("vB").index() > 0);

            sw.bridge("br0");
            for (Netns host : List.of(left, third)) {
                String port = "p" + (host == left ? "l" : "t");
                sw.veth(port, host, "eth0");
                sw.plug(port, "br0");
            }
            left.address("eth0", "10.8.0.1/24");
            third.address("eth0", "10.8.0.3/24");
            assertTrue(third.tryExec(Duration.ofSeconds(10), "ping", "-c", "1", "-W", "2", "10.8.0.1").ok(),
                    "across the bridge");
            sw.setLink("pt", false);
            assertFalse(third.tryExec(Duration.ofSeconds(10), "ping", "-c", "1", "-W", "1", "10.8.0.1").ok(),
                    "cable pulled at the switch");
        }
    }

    @Test
    void failedCommandsNameTheCommandAndWhatItSaid() throws Exception {
        try (Netns ns = Netns.create("ft")) {
            IOException e = assertThrows(IOException.class, () -> ns.ip("link", "set", "nosuch0", "up"));
            assertTrue(e.getMessage().contains("ip -n " + ns.name() + " link set nosuch0 up"), e.getMessage());
            assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
            CommandRunner.Result r = ns.tryExec(Duration.ofMillis(300), "sleep", "5");
            assertEquals(-1, r.exitCode());
            assertTrue(r.output().startsWith("timed out"), r.output());
        }
    }

    @Test
    void tcpdumpOnAMissingInterfaceFailsWithItsReason() throws Exception {
        try (Netns ns = Netns.create("ft")) {
            IOException e = assertThrows(IOException.class, () -> Tcpdump.start(ns, "nosuch0", 1, "arp"));
            assertTrue(e.getMessage().contains("tcpdump did not start on nosuch0"), e.getMessage());
            assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
        }
    }

    @Test
    @Tag("keepalived")
    void keepalivedRunsInItsOwnDirectoryAndReportsWhatItNeverLogged() throws Exception {
        assumeTrue(Keepalived.installed(), "keepalived is not installed");
        try (Netns ns = Netns.create("ft")) {
            ns.veth("vA", "vB");
            ns.address("vA", "10.9.0.1/24");
            String config = """
                    vrrp_instance VI_1 {
                      state MASTER
                      interface vA
                      virtual_router_id 51
                      priority 150
                      advert_int 1
                      virtual_ipaddress {
                        10.9.0.100/24
                      }
                    }
                    """;
            Keepalived keepalived = Keepalived.start(ns, dir.resolve("ka"), config, "-D", "-P");
            try (keepalived) {
                keepalived.awaitLogged("(VI_1) Entering MASTER STATE", Duration.ofSeconds(15));
                assertTrue(ns.ip("-4", "addr", "show", "dev", "vA").contains("10.9.0.100/24"));
                assertTrue(keepalived.vrrpPid() != keepalived.pid(), "the VRRP child has its own pid file");
                keepalived.signal("USR2");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        Files.exists(dir.resolve("ka/keepalived.stats")));
                AssertionError never = assertThrows(AssertionError.class,
                        () -> keepalived.awaitLogged("no such line", Duration.ofMillis(300)));
                assertTrue(never.getMessage().contains("(VI_1) Entering MASTER STATE"), "the log is in the failure");
            }
            assertFalse(keepalived.isAlive());
            assertTrue(keepalived.log().contains("Stopped"), keepalived.log());
            assertFalse(ns.ip("-4", "addr", "show", "dev", "vA").contains("10.9.0.100"), "orderly stop removed the VIP");
        }
    }

    @Test
    @Tag("keepalived")
    void keepalivedThatExitsAtOnceIsReportedAsExited() throws Exception {
        assumeTrue(Keepalived.installed(), "keepalived is not installed");
        try (Netns ns = Netns.create("ft")) {
            Keepalived keepalived = Keepalived.start(ns, dir.resolve("ka"), "", "--no-such-option");
            try (keepalived) {
                AssertionError e = assertThrows(AssertionError.class,
                        () -> keepalived.awaitLogged("Entering", Duration.ofSeconds(10)));
                assertTrue(e.getMessage().startsWith("keepalived exited"), e.getMessage());
            }
        }
    }

    private static List<Long> pids(String namespace) throws IOException {
        return Exec.check("ip", "netns", "pids", namespace).lines().filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.trim())).toList();
    }
}
