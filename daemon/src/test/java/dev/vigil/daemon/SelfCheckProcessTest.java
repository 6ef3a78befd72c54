package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.linux.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up self-check in the real daemon process (root): run inside a fresh network namespace that lacks the
 * configured interface, on this kernel without IPVS, and with CAP_NET_ADMIN dropped from the bounding set.
 */
@Tag("netns")
class SelfCheckProcessTest {
    @TempDir
    Path dir;
    Netns netns;
    Process process;

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (netns != null) {
            netns.close();
        }
    }

    /** A namespace unique to this run, with only lo in it. */
    private String newNamespace() throws Exception {
        netns = Netns.create("sc");
        return netns.name();
    }

    private Process launch(List<String> prefix, String config) throws IOException {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "");
        List<String> cmd = DaemonJava.command(prefix, "-n", "-l", "-f", conf.toString(),
                "-p", dir.resolve("vigil.pid").toString(), "--settings", settings.toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
                .start();
        return process;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("out.log"));
    }

    private static String instance(String ifname) {
        return """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface %s
                    virtual_router_id 51
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        192.0.2.10/24
                    }
                }
                """.formatted(ifname);
    }

    @Test
    void anInterfaceMissingInTheNamespaceIsOneLineAndExitTwo() throws Exception {
        String ns = newNamespace();
        Process p = launch(List.of("ip", "netns", "exec", ns), instance("eth7"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the daemon stops by itself");
        assertEquals(ExitCodes.CONFIG, p.exitValue(), log());
        String log = log();
        assertTrue(log.contains("keepalived.conf:3:"), log); // where the interface is named
        assertTrue(log.contains("WARNING - interface eth7 for vrrp_instance VI_1 doesn't exist\n"), log);
        assertTrue(log.contains(": Non-existent interface specified in configuration\n"), log);
        assertEquals(1, log.lines().filter(l -> l.contains("eth7")).count(), "one line for the one problem: " + log);
        assertFalse(log.contains("Startup complete"), log);
        assertFalse(Files.exists(dir.resolve("vigil.pid")), "no pid file for a run that never started");
    }

    @Test
    void withoutIpvsTheCheckersAreOffAndVrrpRuns() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")), "this kernel has IPVS");
        String ns = newNamespace();
        // a veth pair inside the namespace (this kernel has no dummy links); the daemon uses one end
        netns.veth("vgv0", "vgv1");
        // VRRP really starts now, so its interface needs an IPv4 address (the advert's source) and a link
        netns.address("vgv0", "10.98.0.1/24");
        String virtualServer = """
                virtual_server 192.0.2.10 80 {
                    protocol TCP
                    lb_algo wlc
                    lb_kind DR
                    real_server 198.51.100.1 80 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """;
        Process p = launch(List.of("ip", "netns", "exec", ns), instance("vgv0") + virtualServer);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> log().contains("Startup complete") || !p.isAlive());
        String log = log();
        assertTrue(p.isAlive(), log);
        assertTrue(log.contains(": IPVS is not available: load the ip_vs kernel module (modprobe ip_vs)\n"), log);
        assertFalse(log.contains("does not exist"), log);
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OK, p.exitValue(), log());
    }

    @Test
    void aMissingCapabilityIsNamedOnOneLineAndExitFour() throws Exception {
        Process p = launch(List.of("setpriv", "--bounding-set=-net_admin"), "! nothing\n");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.MISSING_PERMISSION, p.exitValue(), log());
        String log = log();
        assertTrue(log.contains(": Vigil needs CAP_NET_ADMIN (virtual addresses, routes, IPVS): run Vigil as root, "
                + "or grant it with AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW in the systemd unit\n"), log);
        assertFalse(log.contains("CAP_NET_RAW (VRRP"), "CAP_NET_RAW is still there: " + log);
    }
}
