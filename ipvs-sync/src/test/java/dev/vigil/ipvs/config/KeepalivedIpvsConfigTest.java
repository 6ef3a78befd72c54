package dev.vigil.ipvs.config;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.reconcile.StopPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A keepalived.conf through the conf module's parser, mapped to IPVS specs. */
class KeepalivedIpvsConfigTest {
    private static final String CONF = """
            global_defs {
                lvs_flush
                lvs_flush_on_stop
                lvs_timeouts tcp 7200 tcpfin 120 udp 300
                lvs_sync_daemon eth1 VI_1 maxlen 1400
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    10.0.0.1
                }
            }
            virtual_server_group web {
                10.0.0.10-12 80
                fwmark 7
            }
            virtual_server 10.0.0.1 80 {
                lb_algo wrr
                lb_kind DR
                protocol TCP
                persistence_timeout 300
                persistence_granularity 255.255.255.0
                quorum 2
                hysteresis 1
                sorry_server 10.0.1.99 80
                sorry_server_inhibit
                inhibit_on_failure
                real_server 10.0.1.2 80 {
                    weight 3
                }
                real_server 10.0.1.3 80 {
                    weight 1
                    lvs_method NAT
                }
            }
            virtual_server group web {
                lb_algo sh
                lb_kind NAT
                sh-port
                protocol TCP
                alpha
                real_server 10.0.2.1 80 {
                    TCP_CHECK {
                        connect_timeout 3
                    }
                }
                real_server 10.0.2.9 80 {
                }
            }
            """;

    @TempDir
    Path dir;

    private KeepalivedIpvsConfig load(String text) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return KeepalivedIpvsConfig.from(r.config());
    }

    @Test
    void globalSettings() throws Exception {
        KeepalivedIpvsConfig c = load(CONF);
        assertTrue(c.lvsFlush());
        assertEquals(new IpvsTimeouts(7200, 120, 300), c.timeouts());
        assertEquals(StopPolicy.FLUSH, c.stopPolicy(false));
        assertEquals(StopPolicy.DONT_RELEASE, c.stopPolicy(true));
        assertEquals("VI_1", c.syncInstance());
        SyncDaemonConfig sync = c.syncDaemon();
        assertEquals("eth1", sync.mcastIfn());
        assertEquals(51, sync.syncId(), "syncid defaults to the instance's VRID");
        assertEquals(1400, sync.maxLen());
        assertEquals(8848, sync.port());
        assertEquals(Addresses.parse("224.0.0.81"), sync.group());
    }

    @Test
    void virtualServersBecomeDesiredServices() throws Exception {
        KeepalivedIpvsConfig c = load(CONF);
        assertEquals(List.of("[10.0.0.1]:tcp:80", "[web]:0"), c.virtualServers().stream().map(VirtualServerSpec::name)
                .toList());
        List<String> log = new ArrayList<>();
        List<VirtualService> services = new ArrayList<>();
        for (VirtualServerSpec spec : c.virtualServers()) {
            VirtualServerState s = new VirtualServerState(spec, log::add);
            s.start();
            services.addAll(s.desiredServices());
        }
        VirtualService web = services.get(0);
        IpvsService expected = IpvsService.of(ServiceKey.of(dev.vigil.ipvs.model.IpvsProtocol.TCP,
                Addresses.parse("10.0.0.1"), 80), "wrr").withPersistence(300).withGranularity(24);
        assertEquals(expected, web.service());
        assertEquals(List.of("[10.0.1.2]:80 DR w=3", "[10.0.1.3]:80 NAT w=1", "[10.0.1.99]:80 DR w=0"),
                web.dests().stream().map(d -> d.key() + " " + d.forward() + " w=" + d.weight()).toList());
        assertEquals(List.of("[10.0.0.10]:tcp:80", "[10.0.0.11]:tcp:80", "[10.0.0.12]:tcp:80", "FWM 7"),
                services.subList(1, 5).stream().map(v -> v.key().toString()).toList());
        assertEquals(ServiceFlags.SCHED2, services.get(1).service().flags(), "sh-port");
        assertEquals(List.of("[10.0.2.9]:80"), services.get(1).dests().stream().map(d -> d.key().toString()).toList(),
                "alpha: nothing until the first check, but a server without checkers is alive at once");
        assertEquals(ForwardMethod.DR, web.dests().get(0).forward());
        assertEquals(List.of("Gained quorum 2+1=3 <= 4 for VS [10.0.0.1]:tcp:80",
                "Gained quorum 1+0=1 <= 1 for VS [web]:0"), log);
    }

    @Test
    void secondVirtualServerOfAGroupIsNumberedLikeKeepalived() throws Exception {
        KeepalivedIpvsConfig c = load(CONF + """
                virtual_server group web {
                    lb_algo rr
                    lb_kind NAT
                    protocol UDP
                    real_server 10.0.2.2 80 {
                    }
                }
                """);
        assertEquals("[web]:1", c.virtualServers().get(2).name());
    }

    @Test
    void prefixLengthOfMasks() {
        assertEquals(24, KeepalivedIpvsConfig.prefixLength(Addresses.parse("255.255.255.0")));
        assertEquals(32, KeepalivedIpvsConfig.prefixLength(Addresses.parse("255.255.255.255")));
        assertEquals(0, KeepalivedIpvsConfig.prefixLength(Addresses.parse("0.0.0.0")));
        assertEquals(20, KeepalivedIpvsConfig.prefixLength(Addresses.parse("255.255.240.0")));
        assertEquals(64, KeepalivedIpvsConfig.prefixLength(Addresses.parse("ffff:ffff:ffff:ffff::")));
    }
}
