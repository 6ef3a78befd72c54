package dev.vigil.vrrp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.Rtnl;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceSpecsTest {
    @TempDir
    Path dir;

    private static final Map<String, InterfaceInfo> HOST = Map.of(
            "eth0", iface(2, "eth0", "10.0.0.1"),
            "eth1", iface(3, "eth1", "192.168.5.1"),
            "bare", iface(4, "bare", null));

    private static InterfaceInfo iface(int index, String name, String ip) {
        return new InterfaceInfo(index, name, null, Rtnl.IFF_UP | Rtnl.IFF_RUNNING, 1500, null, "veth", 0,
                ip == null ? null : v4(ip));
    }

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private KeepalivedConfig parse(String text) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        LoadResult r = ConfigLoader.load(f, LoadOptions.defaults());
        assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
        return r.config();
    }

    private VrrpConfig map(String text) throws Exception {
        return InstanceSpecs.from(parse(text), name -> Optional.ofNullable(HOST.get(name)));
    }

    @Test
    void mapsAMulticastInstanceWithKeepalivedDefaults() throws Exception {
        VrrpConfig c = map("""
                vrrp_instance VI_1 {
                  state MASTER
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  advert_int 2
                  authentication {
                    auth_type PASS
                    auth_pass secret12345
                  }
                  virtual_ipaddress {
                    10.0.0.100/24 brd + label eth0:vip
                    10.0.0.101 dev eth1 scope link
                  }
                  virtual_ipaddress_excluded {
                    10.0.0.200/24
                  }
                }
                """);
        InstanceConfig ic = c.instances().get(0);
        InstanceSpec s = ic.spec();
        assertEquals("VI_1", s.name());
        assertEquals(51, s.vrid());
        assertEquals(150, s.priority());
        assertTrue(s.wantMaster());
        assertEquals(2, s.adverIntSeconds());
        assertEquals(AuthType.PASS, s.authType());
        assertEquals("secret12", new String(s.authData(), StandardCharsets.US_ASCII));
        assertEquals(v4("10.0.0.1"), s.sourceAddress(), "the interface's primary address is the advert source");
        assertEquals(List.of(v4("10.0.0.100"), v4("10.0.0.101")), s.vips());
        assertEquals(List.of(v4("10.0.0.200")), s.excludedVips());
        assertFalse(s.unicast());
        assertEquals(3, s.downTimerAdverts());
        assertEquals(Duration.ofSeconds(5), s.garp().masterDelay());
        assertEquals(5, s.garp().masterRepeat());
        assertEquals(2, ic.ifindex());

        VipAddress first = ic.address(v4("10.0.0.100")).orElseThrow();
        assertEquals(24, first.prefixLength());
        assertEquals(v4("10.0.0.255"), first.broadcast());
        assertEquals("eth0:vip", first.label());
        assertEquals("eth0", first.device());
        VipAddress second = ic.address(v4("10.0.0.101")).orElseThrow();
        assertEquals(32, second.prefixLength());
        assertEquals("eth1", second.device());
        assertEquals(Rtnl.RT_SCOPE_LINK, second.scope());
        assertNull(second.broadcast());
        assertEquals(3, ic.addresses().size());
    }

    @Test
    void unicastPeersAndSourceGlobalGarpAndTracking() throws Exception {
        VrrpConfig c = map("""
                global_defs {
                  enable_script_security
                  script_user root
                  vrrp_garp_master_delay 2
                  vrrp_garp_master_repeat 3
                }
                vrrp_script chk {
                  script "/bin/true"
                  interval 2
                  weight -20
                  rise 2
                  fall 3
                }
                vrrp_script unused {
                  script "/bin/false"
                }
                vrrp_instance VI_2 {
                  interface eth0
                  virtual_router_id 7
                  unicast_src_ip 10.0.0.5
                  unicast_peer {
                    10.0.0.2
                    10.0.0.3
                  }
                  nopreempt
                  preempt_delay 4
                  track_interface {
                    eth1
                    bare weight 10
                  }
                  track_script {
                    chk
                  }
                  virtual_ipaddress {
                    10.0.0.100
                  }
                }
                """);
        InstanceSpec s = c.instances().get(0).spec();
        assertEquals(100, s.priority());
        assertFalse(s.wantMaster());
        assertEquals(v4("10.0.0.5"), s.sourceAddress());
        assertEquals(2, s.unicastPeers().size());
        assertEquals(255, s.unicastPeers().get(0).maxTtl());
        assertTrue(s.nopreempt());
        assertEquals(Duration.ofSeconds(4), s.preemptDelay());
        assertEquals(Duration.ofSeconds(2), s.garp().masterDelay());
        assertEquals(3, s.garp().masterRepeat());
        assertEquals(List.of(
                new TrackedObject(TrackedObject.Kind.INTERFACE, "eth1", 0, false),
                new TrackedObject(TrackedObject.Kind.INTERFACE, "bare", 10, false),
                new TrackedObject(TrackedObject.Kind.SCRIPT, "chk", -20, false)), s.tracked());
        assertEquals(1, c.scripts().size(), "only tracked scripts run");
        TrackScriptConfig chk = c.scripts().get(0);
        assertEquals("/bin/true", chk.command());
        assertEquals(Duration.ofSeconds(2), chk.spec().interval());
        assertEquals(2, chk.spec().rise());
        assertEquals(3, chk.spec().fall());
    }

    @Test
    void syncGroupsAndVirtualRoutes() throws Exception {
        VrrpConfig c = map("""
                vrrp_sync_group G1 {
                  group {
                    VI_A
                    VI_B
                  }
                }
                vrrp_instance VI_A {
                  interface eth0
                  virtual_router_id 1
                  virtual_ipaddress {
                    10.0.0.100
                  }
                  virtual_routes {
                    10.50.0.0/16 via 10.0.0.254 dev eth0
                    blackhole 10.60.0.0/16 no_track
                  }
                }
                vrrp_instance VI_B {
                  interface eth1
                  virtual_router_id 2
                  virtual_ipaddress {
                    192.168.5.100
                  }
                }
                """);
        assertEquals(List.of(new SyncGroupConfig("G1", List.of("VI_A", "VI_B"), false)), c.syncGroups());
        assertEquals("G1", c.instance("VI_A").orElseThrow().syncGroup());
        assertEquals(v4("192.168.5.1"), c.instance("VI_B").orElseThrow().spec().sourceAddress());
        List<VirtualRoute> routes = c.instance("VI_A").orElseThrow().routes();
        assertEquals(2, routes.size());
        assertEquals(v4("10.0.0.254"), routes.get(0).route().gateway());
        assertEquals(2, routes.get(0).route().ifindex());
        assertEquals(16, routes.get(1).route().prefixLength());
    }

    @Test
    void missingInterfaceOrAddressIsAClearError() throws Exception {
        KeepalivedConfig missing = parse("""
                vrrp_instance VI_1 {
                  interface nope0
                  virtual_router_id 1
                  virtual_ipaddress {
                    10.0.0.100
                  }
                }
                """);
        ConfigMappingException e = assertThrows(ConfigMappingException.class,
                () -> InstanceSpecs.from(missing, name -> Optional.ofNullable(HOST.get(name))));
        assertEquals("(VI_1) interface nope0 does not exist", e.getMessage());

        KeepalivedConfig bare = parse("""
                vrrp_instance VI_1 {
                  interface bare
                  virtual_router_id 1
                  virtual_ipaddress {
                    10.0.0.100
                  }
                }
                """);
        e = assertThrows(ConfigMappingException.class,
                () -> InstanceSpecs.from(bare, name -> Optional.ofNullable(HOST.get(name))));
        assertEquals("(VI_1) interface bare has no IPv4 address", e.getMessage());
    }

    @Test
    void broadcastForms() throws Exception {
        assertEquals(v4("10.1.255.255"), InstanceSpecs.broadcast("+", v4("10.1.2.3"), 16, ""));
        assertNull(InstanceSpecs.broadcast("-", v4("10.1.2.3"), 16, ""));
        assertEquals(v4("10.1.2.7"), InstanceSpecs.broadcast("10.1.2.7", v4("10.1.2.3"), 16, ""));
        assertThrows(ConfigMappingException.class, () -> InstanceSpecs.broadcast("bogus", v4("10.1.2.3"), 16, ""));
        assertEquals(Ipv4.toInt(v4("10.1.2.3")), Ipv4.toInt(v4("10.1.2.3")));
    }

    @Test
    void whatTheRuntimeDoesNotDoIsSaidNotIgnored() throws Exception {
        VrrpConfig c = map("""
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 1
                  use_vmac
                  virtual_ipaddress {
                    10.0.0.100
                  }
                  virtual_rules {
                    from 10.0.0.100 table 100
                  }
                }
                """);
        assertEquals(List.of(
                "(VI_1) use_vmac is not supported yet and is ignored: adverts and GARPs use the interface's own MAC"),
                c.warnings());
        var rule = c.instances().get(0).rules().get(0).rule();
        assertEquals(100, rule.table());
        assertEquals(v4("10.0.0.100"), rule.from());
        assertEquals(32, rule.fromLength());
        assertEquals(List.of(), map("""
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 1
                  virtual_ipaddress {
                    10.0.0.100
                  }
                }
                """).warnings());
    }

    @Test
    void looksEachInterfaceUpOncePerMapping() throws Exception {
        StringBuilder conf = new StringBuilder();
        for (int vrid = 1; vrid <= 20; vrid++) {
            conf.append("vrrp_instance VI_").append(vrid).append(" {\n  interface ").append(vrid % 2 == 0 ? "eth0" : "eth1")
                    .append("\n  virtual_router_id ").append(vrid).append("\n  priority 100\n}\n");
        }
        List<String> lookedUp = new java.util.ArrayList<>();
        VrrpConfig c = InstanceSpecs.from(parse(conf.toString()), name -> {
            lookedUp.add(name);
            return Optional.ofNullable(HOST.get(name));
        });
        assertEquals(20, c.instances().size());
        assertEquals(List.of("eth1", "eth0"), lookedUp);
    }
}
