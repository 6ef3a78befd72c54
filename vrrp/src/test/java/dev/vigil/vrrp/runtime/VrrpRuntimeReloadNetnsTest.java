package dev.vigil.vrrp.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload adding and removing instances, and a crashed runtime replaced by a new one, on real kernel objects in a
 * private namespace (address owners, so each instance is MASTER within a moment).
 */
@Tag("netns")
class VrrpRuntimeReloadNetnsTest {
    @TempDir
    Path dir;
    String ns;
    final List<String> events = new CopyOnWriteArrayList<>();
    VrrpRuntime runtime;

    final VrrpListener listener = new VrrpListener() {
        @Override
        public void stateChanged(StateChange c) {
            events.add(c.instance() + " " + c.to());
        }

        @Override
        public void instanceDeleted(String instance, VrrpState lastState, int priority) {
            events.add(instance + " DELETED from " + lastState + " " + priority);
        }

        @Override
        public void groupStateChanged(String group, VrrpState state, String reason) {
            events.add("group " + group + " " + state);
        }
    };

    @BeforeEach
    void namespace() throws Exception {
        ns = "vglrr" + ProcessHandle.current().pid() % 10000;
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "add", "vra", "type", "veth", "peer", "name", "vrb");
        sh("ip", "-n", ns, "link", "add", "vrc", "type", "veth", "peer", "name", "vrd");
        sh("ip", "-n", ns, "addr", "add", "10.77.0.1/24", "dev", "vra");
        sh("ip", "-n", ns, "addr", "add", "10.79.0.1/24", "dev", "vrc");
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

    /** How many times {@code address} is configured in the namespace. */
    private int count(String address) throws Exception {
        Matcher m = Pattern.compile("inet " + Pattern.quote(address) + "/").matcher(sh("ip", "-n", ns, "-4", "addr"));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String instance(String name, String ifname, int vrid, String vip) {
        return """
                vrrp_instance %s {
                  state MASTER
                  interface %s
                  virtual_router_id %d
                  priority 255
                  advert_int 1
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(name, ifname, vrid, vip);
    }

    /** A sync group of two on both interfaces. */
    private static final String GROUP = instance("VI_3", "vra", 80, "10.77.0.103")
            + instance("VI_4", "vrc", 81, "10.79.0.104")
            + "vrrp_sync_group G1 {\n  group {\n    VI_3\n    VI_4\n  }\n}\n";

    /** Maps {@code text} inside the namespace (interface indexes are the namespace's). */
    private VrrpConfig map(String text) throws Exception {
        Path conf = Files.writeString(dir.resolve("k.conf"), text);
        LoadResult loaded = ConfigLoader.load(conf, LoadOptions.defaults());
        assertFalse(loaded.hasErrors(), loaded.diagnostics().toString());
        try (NetNamespace netns = NetNamespace.open(ns)) {
            return netns.call(() -> {
                try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
                    return InstanceSpecs.from(loaded.config(), new InterfaceLookup(route));
                } catch (dev.vigil.vrrp.config.ConfigMappingException e) {
                    throw new IOException(e);
                }
            });
        }
    }

    /** Starts a runtime inside the namespace (its thread, created there, stays there). */
    private VrrpRuntime start(VrrpConfig config) throws Exception {
        try (NetNamespace netns = NetNamespace.open(ns)) {
            return netns.call(() -> {
                VrrpRuntime rt = new VrrpRuntime(config, listener, RuntimeOptions.defaults(), new ScriptRunner());
                rt.start();
                return rt;
            });
        }
    }

    /** State changes reported for {@code instance} so far (deletions not counted). */
    private long transitions(String instance) {
        return events.stream().filter(e -> e.startsWith(instance + " ") && !e.contains("DELETED")).count();
    }

    private VrrpState state(String instance) {
        return runtime.snapshot().stream().filter(s -> s.name().equals(instance)).findFirst()
                .map(InstanceStatus::state).orElse(null);
    }

    @Test
    void reloadStartsAddedInstancesStopsRemovedOnesAndLeavesTheOthersAlone() throws Exception {
        String one = instance("VI_1", "vra", 77, "10.77.0.100").replace("}\n}\n", """
                  }
                  virtual_routes {
                    10.78.0.0/16 via 10.77.0.254 dev vra
                  }
                  virtual_rules {
                    from 10.77.0.100/32 table 177 priority 1777
                  }
                }
                """);
        runtime = start(map(one));
        await().atMost(Duration.ofSeconds(5)).until(() -> state("VI_1") == VrrpState.MASTER
                && count("10.77.0.100") == 1 && sh("ip", "-n", ns, "route").contains("10.78.0.0/16")
                && sh("ip", "-n", ns, "rule").contains("lookup 177"));
        long vi1Changes = transitions("VI_1");

        // add VI_2 on another interface (its sockets open now) and a sync group on the first one
        String added = one + instance("VI_2", "vrc", 78, "10.79.0.100")
                + GROUP;
        runtime.reload(map(added));
        await().atMost(Duration.ofSeconds(5)).until(() -> state("VI_2") == VrrpState.MASTER
                && state("VI_3") == VrrpState.MASTER && state("VI_4") == VrrpState.MASTER && count("10.79.0.100") == 1
                && count("10.77.0.103") == 1 && count("10.79.0.104") == 1);
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"),
                runtime.snapshot().stream().map(InstanceStatus::name).toList());
        assertTrue(events.contains("group G1 MASTER"), events.toString());
        assertEquals(1, count("10.77.0.100"));

        // remove VI_1: priority 0 sent, VIP released, deletion reported; VI_2 and VI_3 untouched
        long vi2Changes = transitions("VI_2");
        runtime.reload(map(instance("VI_2", "vrc", 78, "10.79.0.100")
                + GROUP));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("10.77.0.100") == 0);
        assertFalse(sh("ip", "-n", ns, "route").contains("10.78.0.0/16"), "its virtual route is released");
        assertFalse(sh("ip", "-n", ns, "rule").contains("lookup 177"), "its virtual rule is released");
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("VI_1 DELETED from MASTER 255"));
        assertEquals(List.of("VI_2", "VI_3", "VI_4"), runtime.snapshot().stream().map(InstanceStatus::name).toList());
        assertEquals(vi1Changes, transitions("VI_1"),
                "no STOP or other transition for the deleted instance, only DELETED");
        assertEquals(vi2Changes, transitions("VI_2"), "VI_2 did not flap");
        assertEquals(VrrpState.MASTER, state("VI_2"));
        assertEquals(1, count("10.79.0.100"));
        assertEquals(1, count("10.77.0.103"), "VI_3 shares VI_1's interface and keeps running");

        // a changed VRID is a new instance: the old one is deleted, the new one starts
        runtime.reload(map(instance("VI_2", "vrc", 79, "10.79.0.100")
                + GROUP));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("VI_2 DELETED from MASTER 255")
                && state("VI_2") == VrrpState.MASTER && count("10.79.0.100") == 1);
        assertEquals(79, runtime.snapshot().get(0).vrid());
    }

    @Test
    void aCrashedRuntimeLeavesItsVipsAndItsSuccessorAdoptsThemOnce() throws Exception {
        VrrpConfig config = map(instance("VI_1", "vra", 77, "10.77.0.100"));
        runtime = start(config);
        await().atMost(Duration.ofSeconds(5)).until(() -> state("VI_1") == VrrpState.MASTER
                && count("10.77.0.100") == 1);

        runtime.injectFault();
        ExecutionException died = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> runtime.stopped().get(5, TimeUnit.SECONDS));
        assertInstanceOf(VrrpRuntime.InjectedFault.class, died.getCause());
        assertFalse(runtime.isRunning());
        assertEquals(1, count("10.77.0.100"), "a crash releases nothing (no STOP, no priority 0)");
        assertFalse(events.contains("VI_1 STOP"), events.toString());
        assertTrue(runtime.shutdown(Duration.ofSeconds(1)), "stopping a dead runtime returns at once");

        events.clear();
        runtime = start(config);
        await().atMost(Duration.ofSeconds(5)).until(() -> state("VI_1") == VrrpState.MASTER);
        assertEquals(1, count("10.77.0.100"), "present exactly once");
        assertTrue(events.contains("VI_1 MASTER"), events.toString());
    }
}
