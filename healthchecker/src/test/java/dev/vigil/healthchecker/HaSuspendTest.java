package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.healthchecker.HaSuspend.Change;
import dev.vigil.healthchecker.HaSuspend.HostAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ha_suspend as a pure function of the host's addresses: which virtual servers' checkers run. */
class HaSuspendTest {
    static final VirtualServerKey VS1 = key("10.1.0.1", 80);
    static final VirtualServerKey VS2 = key("10.1.0.2", 80);
    static final VirtualServerKey GROUP = VirtualServerKey.group("web");

    static VirtualServerKey key(String ip, int port) {
        return VirtualServerKey.of(Endpoint.tcp(address(ip), port));
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static HostAddress on(int ifindex, String ip) {
        return new HostAddress(ifindex, address(ip));
    }

    static KeepalivedConfig config(String extra) {
        return ConfigLoader.load(Path.of("k.conf"), """
                virtual_server_group web {
                    10.2.0.10-20 80
                    10.3.0.0/30 80
                }
                virtual_server 10.1.0.1 80 {
                    protocol TCP
                    ha_suspend
                    real_server 192.168.0.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server 10.1.0.2 80 {
                    protocol TCP
                    %s
                    real_server 192.168.0.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server group web {
                    protocol TCP
                    ha_suspend
                    real_server 192.168.0.2 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """.formatted(extra), LoadOptions.defaults()).config();
    }

    @Test
    void startsSuspendedUnlessItsAddressIsOnTheHost() {
        HaSuspend h = new HaSuspend();
        assertEquals(List.of(), h.reset(List.of(on(2, "10.1.0.1"), on(2, "192.168.7.1"))));
        List<Change> changes = h.configure(config(""));
        assertEquals(List.of(new Change(GROUP, false)), changes, "only the group's addresses are missing");
        assertTrue(h.used());
        assertEquals(Set.of(GROUP), h.suspended());
    }

    @Test
    void addressEventsActivateAndSuspend() {
        HaSuspend h = new HaSuspend();
        h.reset(List.of());
        assertEquals(List.of(new Change(VS1, false), new Change(GROUP, false)), h.configure(config("")));
        assertEquals(List.of(new Change(VS1, true)), h.added(on(2, "10.1.0.1")));
        assertEquals(List.of(), h.added(on(2, "10.1.0.1")), "a repeated notification changes nothing");
        assertEquals(List.of(), h.added(on(2, "10.1.0.2")), "10.1.0.2 has no ha_suspend");
        assertEquals(List.of(new Change(VS1, false)), h.removed(on(2, "10.1.0.1")));
        assertEquals(List.of(), h.removed(on(2, "10.1.0.1")));
    }

    @Test
    void anAddressOnTwoInterfacesSuspendsOnlyWhenBothAreGone() {
        HaSuspend h = new HaSuspend();
        h.reset(List.of(on(2, "10.1.0.1"), on(3, "10.1.0.1")));
        h.configure(config(""));
        assertEquals(List.of(), h.removed(on(2, "10.1.0.1")));
        assertEquals(List.of(new Change(VS1, false)), h.removed(on(3, "10.1.0.1")));
    }

    @Test
    void aGroupIsActiveWhileAnyAddressOfItsRangesIsPresent() {
        HaSuspend h = new HaSuspend();
        h.reset(List.of(on(2, "10.1.0.1")));
        h.configure(config(""));
        assertEquals(List.of(), h.added(on(2, "10.2.0.9")), "below the range");
        assertEquals(List.of(), h.added(on(2, "10.2.0.21")), "above the range");
        assertEquals(List.of(new Change(GROUP, true)), h.added(on(2, "10.2.0.20")));
        assertEquals(List.of(), h.added(on(2, "10.3.0.2")), "a prefix entry stands for its address alone");
        assertEquals(List.of(), h.added(on(2, "10.3.0.0")), "the prefix entry's address: still active");
        assertEquals(List.of(), h.removed(on(2, "10.2.0.20")));
        assertEquals(List.of(new Change(GROUP, false)), h.removed(on(2, "10.3.0.0")));
    }

    @Test
    void resetAfterLostEventsReportsOnlyTheDifferences() {
        HaSuspend h = new HaSuspend();
        h.reset(List.of(on(2, "10.1.0.1")));
        h.configure(config(""));
        assertEquals(List.of(new Change(VS1, false), new Change(GROUP, true)),
                h.reset(List.of(on(2, "10.2.0.15"))));
    }

    @Test
    void reloadWatchesNewServersAndReleasesDroppedOnes() {
        HaSuspend h = new HaSuspend();
        h.reset(List.of(on(2, "10.2.0.11")));
        assertEquals(List.of(new Change(VS1, false)), h.configure(config("")));
        assertEquals(List.of(new Change(VS2, false)), h.configure(config("ha_suspend")),
                "10.1.0.2 gains ha_suspend while its address is absent");
        KeepalivedConfig without = ConfigLoader.load(Path.of("k.conf"), """
                virtual_server 10.1.0.2 80 {
                    protocol TCP
                    real_server 192.168.0.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """, LoadOptions.defaults()).config();
        List<Change> changes = h.configure(without);
        assertTrue(changes.contains(new Change(VS1, true)) && changes.contains(new Change(VS2, true)),
                changes.toString());
        assertFalse(h.used());
        assertEquals(Set.of(), h.suspended());
    }

    @Test
    void ipv6AndFwmarkServersAreNeverSuspended() {
        KeepalivedConfig c = ConfigLoader.load(Path.of("k.conf"), """
                virtual_server fd00::1 80 {
                    protocol TCP
                    ha_suspend
                    real_server fd00::10 80 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server fwmark 5 {
                    ha_suspend
                    real_server 192.168.0.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """, LoadOptions.defaults()).config();
        HaSuspend h = new HaSuspend();
        h.reset(List.of());
        assertEquals(List.of(), h.configure(c));
        assertFalse(h.used());
    }
}
