package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.Rtnl;
import dev.vigil.vrrp.config.InstanceConfig;
import dev.vigil.vrrp.config.InstanceSpecs;
import dev.vigil.vrrp.config.VrrpConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's clear_diff_vrrp decisions on configuration pairs, without sockets. */
class ReloadPlanTest {
    @TempDir
    Path dir;

    private static final Map<String, InterfaceInfo> HOST = Map.of(
            "eth0", iface(2, "eth0", "10.0.0.1"),
            "eth1", iface(3, "eth1", "10.1.0.1"));

    private static InterfaceInfo iface(int index, String name, String ip) {
        try {
            return new InterfaceInfo(index, name, null, Rtnl.IFF_UP | Rtnl.IFF_RUNNING, 1500, null, "veth", 0,
                    (Inet4Address) InetAddress.getByName(ip));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private VrrpConfig map(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("keepalived.conf"), text);
        LoadResult r = ConfigLoader.load(f, LoadOptions.defaults());
        assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
        return InstanceSpecs.from(r.config(), name -> Optional.ofNullable(HOST.get(name)));
    }

    private static String instance(String name, String ifname, int vrid, int priority) {
        return """
                vrrp_instance %s {
                  interface %s
                  virtual_router_id %d
                  priority %d
                  virtual_ipaddress {
                    10.0.0.%d
                  }
                }
                """.formatted(name, ifname, vrid, priority, vrid);
    }

    private static String group(String name, String... members) {
        return "vrrp_sync_group " + name + " {\n  group {\n    " + String.join("\n    ", members) + "\n  }\n}\n";
    }

    private ReloadPlan plan(String before, String after) throws Exception {
        return ReloadPlan.of(map(before).instances(), map(after));
    }

    private static List<String> names(List<InstanceConfig> configs) {
        return configs.stream().map(InstanceConfig::name).toList();
    }

    @Test
    void anUnchangedConfigurationChangesNothing() throws Exception {
        String conf = instance("VI_1", "eth0", 51, 150) + instance("VI_2", "eth1", 52, 100);
        assertEquals(new ReloadPlan(List.of(), List.of(), List.of(), List.of()), plan(conf, conf));
    }

    @Test
    void newSettingsAreAnUpdateNotARestart() throws Exception {
        ReloadPlan p = plan(instance("VI_1", "eth0", 51, 150) + instance("VI_2", "eth1", 52, 100),
                instance("VI_1", "eth0", 51, 120) + instance("VI_2", "eth1", 52, 100));
        assertEquals(List.of("VI_1"), names(p.updated()));
        assertEquals(120, p.updated().get(0).spec().priority());
        assertEquals(List.of(), p.removed());
        assertEquals(List.of(), p.replaced());
        assertEquals(List.of(), p.added());
    }

    @Test
    void addedAndRemovedInstances() throws Exception {
        ReloadPlan p = plan(instance("VI_1", "eth0", 51, 150) + instance("VI_2", "eth1", 52, 100),
                instance("VI_3", "eth1", 53, 100) + instance("VI_1", "eth0", 51, 150));
        assertEquals(List.of("VI_2"), p.removed());
        assertEquals(List.of("VI_3"), p.added());
        assertEquals(List.of(), p.replaced());
        assertEquals(List.of(), p.updated());
    }

    @Test
    void aNewInterfaceOrVridIsANewInstance() throws Exception {
        ReloadPlan p = plan(instance("VI_1", "eth0", 51, 150) + instance("VI_2", "eth0", 52, 100),
                instance("VI_1", "eth1", 51, 150) + instance("VI_2", "eth0", 62, 100));
        assertEquals(List.of("VI_1", "VI_2"), p.replaced());
        assertEquals(List.of("VI_1", "VI_2"), p.added());
        assertEquals(List.of(), p.removed());
    }

    @Test
    void syncGroupsRunOnOnlyWithTheSameMembers() throws Exception {
        String three = instance("VI_1", "eth0", 51, 150) + instance("VI_2", "eth1", 52, 150)
                + instance("VI_3", "eth1", 53, 150);
        String before = three + group("G1", "VI_1", "VI_2");
        // unchanged group with a new priority for one member: update
        ReloadPlan same = plan(before, instance("VI_1", "eth0", 51, 140) + instance("VI_2", "eth1", 52, 150)
                + instance("VI_3", "eth1", 53, 150) + group("G1", "VI_1", "VI_2"));
        assertEquals(List.of("VI_1"), names(same.updated()));
        assertEquals(List.of(), same.replaced());
        // a member joins: the whole group restarts, the standalone instance that joined too
        ReloadPlan grown = plan(before, three + group("G1", "VI_1", "VI_2", "VI_3"));
        assertEquals(List.of("VI_1", "VI_2", "VI_3"), grown.replaced());
        assertEquals(List.of("VI_1", "VI_2", "VI_3"), grown.added());
        // a member leaves the configuration: removed, and its partner restarts alone
        ReloadPlan shrunk = plan(before, instance("VI_1", "eth0", 51, 150) + instance("VI_3", "eth1", 53, 150));
        assertEquals(List.of("VI_2"), shrunk.removed());
        assertEquals(List.of("VI_1"), shrunk.replaced());
        assertEquals(List.of("VI_1"), shrunk.added());
    }
}
