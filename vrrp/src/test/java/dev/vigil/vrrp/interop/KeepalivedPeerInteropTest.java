package dev.vigil.vrrp.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.Dirs;
import dev.vigil.linux.testing.Keepalived;
import dev.vigil.linux.testing.Netns;
import dev.vigil.linux.testing.Tcpdump;
import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.sim.Specs;
import dev.vigil.vrrp.stats.Counter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real keepalived 2.2.7 as the peer: it runs alone as master in a private netns while tcpdump records its
 * frames; the capture, with its real timing, is then replayed into a Vigil BACKUP instance on the virtual
 * clock. Vigil must accept every advert, stay BACKUP, and take over Skew_Time after keepalived's
 * priority-0 advert. Needs root, keepalived and tcpdump.
 */
@Tag("keepalived")
class KeepalivedPeerInteropTest {
    static final String CONF = """
            global_defs { router_id vgl_vrrp_interop }
            vrrp_instance VI_1 {
              state BACKUP
              interface vgva
              virtual_router_id 51
              priority 150
              advert_int 1
              authentication { auth_type PASS
                               auth_pass secret12 }
              virtual_ipaddress { 10.99.0.100 }
            }
            """;

    @Test
    void vigilBackupFollowsARealKeepalivedMaster() throws Exception {
        Path dir = Files.createTempDirectory("vgl-vrrp-interop");
        Path pcap = dir.resolve("cap.pcap");
        try {
            try (Netns ns = Netns.create("vr")) {
                ns.veth("vgva", "vgvb");
                ns.address("vgva", "10.99.0.1/24");
                try (Tcpdump tcpdump = Tcpdump.start(ns, pcap, "vgvb", 0, "ip proto 112");
                     Keepalived keepalived = Keepalived.start(ns, dir.resolve("keepalived"), CONF, "-D", "-P")) {
                    await().atMost(Duration.ofSeconds(15)).until(() -> adverts(tcpdump.file()).size() >= 4);
                    keepalived.stop(); // SIGTERM: keepalived sends priority 0 and stops
                    await().atMost(Duration.ofSeconds(10)).until(() -> adverts(pcap).stream()
                            .anyMatch(f -> f.payload()[VrrpWire.IP_HEADER_LENGTH + VrrpWire.VRRP_PRIORITY] == 0));
                }
            }

            List<PcapReader.Frame> frames = adverts(pcap);
            long origin = frames.get(0).timeNanos() - 500_000_000L;
            Segment seg = new Segment().add(Specs.node("B", Ipv4.parse("10.99.0.2"), 100).build()).startAll(0);
            long stopAt = -1;
            for (PcapReader.Frame f : frames) {
                seg.packetAt(f.timeNanos() - origin, "B", f.payload());
                if (f.payload()[VrrpWire.IP_HEADER_LENGTH + VrrpWire.VRRP_PRIORITY] == 0 && stopAt < 0) {
                    stopAt = f.timeNanos() - origin;
                }
            }
            seg.runUntil(stopAt - 1);
            assertEquals(VrrpState.BACKUP, seg.state("B"), seg.logs("B").toString());
            seg.runUntil(stopAt + 2_000_000_000L);
            assertEquals(VrrpState.MASTER, seg.state("B"));
            assertEquals(stopAt + 609_375_000L, seg.firstTime("B", a -> a instanceof InstanceAction.AddVips));
            assertEquals(frames.size(), seg.node("B").stats().get(Counter.ADVERT_RECEIVED), "every advert accepted");
            assertTrue(seg.logs("B").stream().noneMatch(l -> l.contains("invalid") || l.contains("mismatch")));
        } finally {
            Dirs.deleteTree(dir);
        }
    }

    private static List<PcapReader.Frame> adverts(Path pcap) throws IOException {
        return PcapReader.read(pcap).stream().filter(f -> f.etherType() == VrrpWire.ETH_P_IP).toList();
    }
}
