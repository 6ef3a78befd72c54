package dev.vigil.vrrp.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.linux.testing.Netns;
import dev.vigil.vrrp.config.InstanceSpecs;
import dev.vigil.vrrp.config.VrrpConfig;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.stats.Counter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    Netns ns;
    final List<VrrpListener.StateChange> changes = new CopyOnWriteArrayList<>();
    VrrpRuntime runtime;

    @BeforeEach
    void namespace() throws Exception {
        ns = Netns.create("rt");
        ns.veth("vra", "vrb");
        ns.veth("vrc", "vrd");
        ns.address("vra", "10.77.0.1/24");
    }

    @AfterEach
    void cleanup() throws Exception {
        if (runtime != null) {
            runtime.shutdown(Duration.ofSeconds(2));
        }
        if (ns != null) {
            ns.close();
        }
    }

    private String addresses() throws Exception {
        return ns.ip("-4", "addr", "show");
    }

    private String rules() throws Exception {
        return ns.ip("rule", "show");
    }

    private String routes() throws Exception {
        return ns.ip("route", "show");
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
                  virtual_rules {
                    from 10.77.0.100/32 table 177 priority 1777
                  }
                }
                """);
        LoadResult loaded = ConfigLoader.load(conf, LoadOptions.defaults());
        assertFalse(loaded.hasErrors(), loaded.diagnostics().toString());
        VrrpListener listener = changes::add;
        runtime = ns.enter().call(() -> {
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
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.MASTER);
        await().atMost(Duration.ofSeconds(2)).until(() -> addresses().contains("10.77.0.100/24")
                && addresses().contains("10.77.0.200/32") && routes().contains("10.78.0.0/16 via 10.77.0.254"));
        assertTrue(addresses().contains("vra:vip"), addresses());
        await().atMost(Duration.ofSeconds(2)).until(() -> rules().contains("1777:\tfrom 10.77.0.100 lookup 177"));
        InstanceStatus s = runtime.snapshot().get(0);
        assertEquals(255, s.effectivePriority());
        assertTrue(s.vipsSet());
        assertEquals("10.77.0.1", s.masterAddress().getHostAddress());
        assertTrue(s.counters().get(Counter.ADVERT_SENT) >= 1);
        assertTrue(runtime.statsText().startsWith("VRRP Instance: VI_1\n  Advertisements:\n"), runtime.statsText());
        assertEquals(VrrpState.MASTER, changes.get(changes.size() - 1).to());

        // the tracked link drops: FAULT, VIPs and route gone; back up: MASTER again
        ns.setLink("vrc", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.FAULT);
        await().atMost(Duration.ofSeconds(2)).until(() -> !addresses().contains("10.77.0.100")
                && !routes().contains("10.78.0.0/16"));
        assertNull(runtime.snapshot().get(0).masterAddress());
        ns.setLink("vrc", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.snapshot().get(0).state() == VrrpState.MASTER
                && addresses().contains("10.77.0.100/24"));

        long t0 = System.nanoTime();
        assertTrue(runtime.shutdown(Duration.ofSeconds(2)), "stopped within 2 s");
        System.out.printf("VrrpRuntime.shutdown took %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertFalse(runtime.isRunning());
        assertFalse(addresses().contains("10.77.0.100"), "VIP removed on stop");
        assertFalse(addresses().contains("10.77.0.200"), "excluded VIP removed on stop");
        assertFalse(routes().contains("10.78.0.0/16"), "virtual route removed on stop");
        assertFalse(rules().contains("lookup 177"), "virtual rule removed on stop");
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
