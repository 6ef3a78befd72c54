package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up self-check's decisions, on real parsed configurations and a substituted system. */
class SelfCheckTest {
    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                track_interface {
                    eth1
                }
                virtual_ipaddress {
                    192.0.2.10/24
                    192.0.2.11/24 dev eth2
                }
                virtual_ipaddress_excluded {
                    192.0.2.12/24 dev eth3
                }
            }
            """;
    private static final String VIRTUAL_SERVER = """
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

    @TempDir
    Path dir;

    /** A system with these interfaces and IPVS answer, counting IPVS probes. */
    private static final class FakeSystem implements SystemProbe {
        final Set<String> interfaces;
        final boolean ipvs;
        final AtomicInteger ipvsProbes = new AtomicInteger();

        FakeSystem(boolean ipvs, String... interfaces) {
            this.interfaces = Set.of(interfaces);
            this.ipvs = ipvs;
        }

        @Override
        public Set<String> interfaceNames() {
            return interfaces;
        }

        @Override
        public boolean ipvsAvailable() {
            ipvsProbes.incrementAndGet();
            return ipvs;
        }
    }

    private KeepalivedConfig parse(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), text);
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r.config();
    }

    private static DaemonOptions options(String... args) {
        return new Cli().parse(args);
    }

    /** The diagnostics of {@code text} read with the self-check's load options on {@code system}. */
    private List<String> problems(String text, SystemProbe system, String... args) throws IOException {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), text);
        LoadResult r = ConfigLoader.load(file, new SelfCheck(system).loadOptions(options(args)));
        return r.diagnostics().stream().map(d -> d.toString().substring(d.toString().indexOf(": ") + 2)).toList();
    }

    @Test
    void everyInterfaceTheVrrpSideNamesIsCheckedOneLineEach() throws Exception {
        assertEquals(List.of(
                "error: (VI_1) tracked interface eth1 doesn't exist",
                "error: WARNING - interface eth0 for vrrp_instance VI_1 doesn't exist",
                "error: WARNING - interface eth2 for ip address 192.0.2.11/24 doesn't exist",
                "error: WARNING - interface eth3 for ip address 192.0.2.12/24 doesn't exist",
                "fatal: Non-existent interface specified in configuration"),
                problems(INSTANCE, new FakeSystem(true, "lo")).stream().sorted().toList());
        assertEquals(List.of(), problems(INSTANCE, new FakeSystem(true, "eth0", "eth1", "eth2", "eth3")));
    }

    @Test
    void routesAndStaticAddressesAreCheckedToo() throws Exception {
        List<String> p = problems("""
                static_ipaddress {
                    198.51.100.5/24 dev eth5
                }
                static_routes {
                    203.0.113.0/24 via 198.51.100.1 dev eth6
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.0.2.20/24
                    }
                    virtual_routes {
                        10.20.0.0/16 via 192.0.2.1 dev eth4
                    }
                }
                """, new FakeSystem(true, "eth0"));
        assertTrue(p.stream().anyMatch(l -> l.contains("interface eth4 for VROUTE nexthop doesn't exist")),
                p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("interface eth5 for ip address")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("interface eth6 for VROUTE nexthop")), p.toString());
        assertTrue(p.contains("fatal: Non-existent interface specified in configuration"), p.toString());
    }

    @Test
    void lvsSyncDaemonInterfaceIsChecked() throws Exception {
        assertEquals(List.of("error: WARNING - interface eth9 for lvs_sync_daemon doesn't exist",
                "fatal: Non-existent interface specified in configuration"),
                problems("global_defs {\n    lvs_sync_daemon eth9 VI_1\n}\n" + INSTANCE,
                        new FakeSystem(true, "eth0", "eth1", "eth2", "eth3")));
    }

    @Test
    void interfacesAreNotCheckedWhenOnlyTheCheckersRunOrTheListingFails() throws Exception {
        assertEquals(List.of(), problems(INSTANCE, new FakeSystem(true, "lo"), "-C"));
        SystemProbe broken = new SystemProbe() {
            @Override
            public Set<String> interfaceNames() throws IOException {
                throw new IOException("netlink refused");
            }

            @Override
            public boolean ipvsAvailable() {
                return true;
            }
        };
        assertEquals(List.of(), problems(INSTANCE, broken));
    }

    @Test
    void onlyIpvsIsProbedWhenOnlyTheCheckersRun() throws Exception {
        FakeSystem system = new FakeSystem(true, "lo");
        DaemonOptions checkersOnly = options("-C");
        SelfCheck.Outcome o = new SelfCheck(system).run(parse(INSTANCE + VIRTUAL_SERVER), checkersOnly);
        assertEquals(ExitCodes.OK, o.exitCode());
        assertSame(checkersOnly, o.options());
        assertEquals(1, system.ipvsProbes.get());
    }

    @Test
    void missingIpvsDisablesOnlyTheCheckers() throws Exception {
        DaemonOptions all = options();
        SelfCheck.Outcome o = new SelfCheck(new FakeSystem(false, "eth0", "eth1", "eth2", "eth3"))
                .run(parse(INSTANCE + VIRTUAL_SERVER), all);
        assertEquals(ExitCodes.OK, o.exitCode());
        assertTrue(o.options().runsVrrp());
        assertFalse(o.options().runsCheckers());
        assertEquals(all.configFile(), o.options().configFile());
        assertEquals(all.pidFile(), o.options().pidFile());
    }

    @Test
    void missingIpvsWithOnlyTheCheckersAskedForIsFatalAsInKeepalived() throws Exception {
        SelfCheck.Outcome o = new SelfCheck(new FakeSystem(false)).run(parse(VIRTUAL_SERVER), options("-C"));
        assertEquals(ExitCodes.FATAL, o.exitCode());
    }

    @Test
    void ipvsIsProbedOnlyForVirtualServersTheCheckersWouldManage() throws Exception {
        FakeSystem system = new FakeSystem(false, "eth0", "eth1", "eth2", "eth3");
        DaemonOptions all = options();
        assertSame(all, new SelfCheck(system).run(parse(INSTANCE), all).options());
        DaemonOptions vrrpOnly = options("-P");
        assertSame(vrrpOnly, new SelfCheck(system).run(parse(INSTANCE + VIRTUAL_SERVER), vrrpOnly).options());
        assertEquals(0, system.ipvsProbes.get());
    }
}
