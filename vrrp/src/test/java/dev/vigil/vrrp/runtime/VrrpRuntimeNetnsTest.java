package dev.vigil.vrrp.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.vrrp.config.InstanceSpecs;
import dev.vigil.vrrp.config.VrrpConfig;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.stats.Counter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on real kernel objects, without the daemon: an address owner in a private namespace becomes MASTER,
 * installs its VIP, excluded VIP and virtual route, goes to FAULT when a tracked link drops, and stops in order.
 */
@Tag("netns")
class VrrpRuntimeNetnsTest {
    @TempDir
    Path dir;
    String ns;
    final List<VrrpListener.StateChange> changes = new CopyOnWriteArrayList<>();
    VrrpRuntime runtime;

    @BeforeEach
    void namespace() throws Exception {
        ns = "vglrt" + ProcessHandle.current().pid() % 10000;
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "add", "vra", "type", "veth", "peer", "name", "vrb");
        sh("ip", "-n", ns, "link", "add", "vrc", "type", "veth", "peer", "name", "vrd");
        sh("ip", "-n", ns, "addr", "add", "10.77.0.1/24", "dev", "vra");
        for (String l : List.of("lo", "vra", "vrb", "vrc", "vrd")) {
            sh("ip", "-n", ns, "link", "set", l, "up");
        }
    }

    @AfterEach
    void cleanup() throws Exception {
        if (runtime != null) {
            runtime.shutdown(Duration.ofSeconds(2));
        }
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    private String addresses() throws Exception {
        return sh("ip", "-n", ns, "-4", "addr", "show");
    }

    private String routes() throws Exception {
        return sh("ip", "-n", ns, "route", "show");
    }

    @Test
    void ownerBecomesMasterTracksALinkAndStopsInOrder() throws Exception {
        Path conf = Files.writeString(dir.resolve("k.conf"), """
                vrrp_instance VI_1 {
                  state MASTER
                  interface vra
                  virtual_router_id 77
                  priority 255
                  advert_int 1
                  track_interface {
                    vrc
                  }
                  virtual_ipaddress {
                    10.77.0.100/24 label vra:vip
                  }
                  virtual_ipaddress_excluded {
                    10.77.0.200/32
                  }
                  virtual_routes {
                    10.78.0.0/16 via 10.77.0.254 dev vra
                  }
                }
                """);
        LoadResult loaded = ConfigLoader.load(conf, LoadOptions.defaults());
        assertFalse(loaded.hasErrors(), loaded.diagnostics().toString());
        VrrpListener listener = changes::add;
        try (NetNamespace netns = NetNamespace.open(ns)) {
            runtime = netns.call(() -> {
                VrrpConfig vc;
                try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
                    vc = InstanceSpecs.from(loaded.config(), new InterfaceLookup(route));
                } catch (dev.vigil.vrrp.config.ConfigMappingException e) {
                    throw new IOException(e);
                }
                VrrpRuntime rt = new VrrpRuntime(vc, listener, RuntimeOptions.defaults(), new ScriptRunner());
                rt.start();
                return rt;
            });
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.MASTER);
        await().atMost(Duration.ofSeconds(2)).until(() -> addresses().contains("10.77.0.100/24")
                && addresses().contains("10.77.0.200/32") && routes().contains("10.78.0.0/16 via 10.77.0.254"));
        assertTrue(addresses().contains("vra:vip"), addresses());
        InstanceStatus s = runtime.snapshot().get(0);
        assertEquals(255, s.effectivePriority());
        assertTrue(s.vipsSet());
        assertEquals("10.77.0.1", s.masterAddress().getHostAddress());
        assertTrue(s.counters().get(Counter.ADVERT_SENT) >= 1);
        assertTrue(runtime.statsText().startsWith("VRRP Instance: VI_1\n  Advertisements:\n"), runtime.statsText());
        assertEquals(VrrpState.MASTER, changes.get(changes.size() - 1).to());

        // the tracked link drops: FAULT, VIPs and route gone; back up: MASTER again
        sh("ip", "-n", ns, "link", "set", "vrc", "down");
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.FAULT);
        await().atMost(Duration.ofSeconds(2)).until(() -> !addresses().contains("10.77.0.100")
                && !routes().contains("10.78.0.0/16"));
        assertNull(runtime.snapshot().get(0).masterAddress());
        sh("ip", "-n", ns, "link", "set", "vrc", "up");
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.MASTER
                && addresses().contains("10.77.0.100/24"));

        long t0 = System.nanoTime();
        assertTrue(runtime.shutdown(Duration.ofSeconds(2)), "stopped within 2 s");
        System.out.printf("VrrpRuntime.shutdown took %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertFalse(runtime.isRunning());
        assertFalse(addresses().contains("10.77.0.100"), "VIP removed on stop");
        assertFalse(addresses().contains("10.77.0.200"), "excluded VIP removed on stop");
        assertFalse(routes().contains("10.78.0.0/16"), "virtual route removed on stop");
        assertEquals(VrrpState.STOP, changes.get(changes.size() - 1).to());
        assertEquals(VrrpState.STOP, runtime.snapshot().get(0).state());
        List<VrrpState> seen = changes.stream().map(VrrpListener.StateChange::to).toList();
        assertTrue(isSubsequence(List.of(VrrpState.MASTER, VrrpState.FAULT, VrrpState.MASTER, VrrpState.STOP), seen),
                seen.toString());
    }

    private static boolean isSubsequence(List<VrrpState> wanted, List<VrrpState> seen) {
        int i = 0;
        for (VrrpState s : seen) {
            if (i < wanted.size() && wanted.get(i) == s) {
                i++;
            }
        }
        return i == wanted.size();
    }
}
