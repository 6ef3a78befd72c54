package dev.vigil.daemon.it;

import static dev.vigil.daemon.it.VrrpConf.MASTER_DOWN_100_MICROS;
import static dev.vigil.daemon.it.VrrpConf.VIP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, proof (1): keepalived MASTER 150 and Vigil BACKUP 100. Vigil stays BACKUP without the VIP; when the
 * keepalived host dies Vigil takes over on time (first GARP measured against keepalived's last advert +
 * Master_Down_Interval, on the client's capture); when keepalived returns Vigil goes back to BACKUP and drops the VIP.
 */
@Tag("netns")
@Tag("keepalived")
class VigilBackupOfKeepalivedTest {

    @Test
    void vigilBackupTakesOverFromADeadKeepalivedAndGivesBack() throws Exception {
        assumeTrue(KeepalivedNode.installed(), "keepalived is not installed");
        try (NetLab lab = NetLab.create("vb")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost client = lab.addHost("c", "10.99.0.9/24");
            KeepalivedNode ka = KeepalivedNode.start(lab, d1, VrrpConf.instance("MASTER", 150));
            try (PacketCapture cap = PacketCapture.start(lab, client, "ip proto 112 or arp")) {
                VigilNode vigil;
                try {
                    await().atMost(Duration.ofSeconds(15)).until(() -> d1.hasAddress(VIP));
                    vigil = VigilNode.start(lab, d2, VrrpConf.instance("BACKUP", 100));
                } catch (RuntimeException | java.io.IOException e) {
                    ka.close();
                    throw e;
                }
                try (vigil) {
                    try {
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> vigil.logged("(VI_1) Entering BACKUP STATE (init)"));
                        await().atMost(Duration.ofSeconds(5)).until(() -> client.ping(VIP));
                        Thread.sleep(5_000); // longer than Vigil's Master_Down_Interval: it must still be BACKUP
                        assertFalse(d2.hasAddress(VIP), "Vigil BACKUP must not hold the VIP");
                        assertFalse(vigil.logged("Entering MASTER STATE"), "Vigil must stay BACKUP");
                        d1.unplug();
                        ka.kill();
                    } finally {
                        ka.close();
                    }
                    takeOverAndGiveBack(lab, d1, d2, client, cap, vigil);
                }
            }
        }
    }

    private static void takeOverAndGiveBack(NetLab lab, NetHost d1, NetHost d2, NetHost client, PacketCapture cap,
                                            VigilNode vigil) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP));
        assertTrue(vigil.logged("(VI_1) Entering MASTER STATE"), vigil.log());
        await().atMost(Duration.ofSeconds(5)).until(() -> client.ping(VIP));

        List<CapturedPacket> pkts = cap.packets();
        String vigilMac = d2.mac();
        long lastKaAdvert = pkts.stream()
                .filter(p -> p.isVrrp() && p.source().equals(d1.ip()) && p.vrrpPriority() == 150)
                .mapToLong(CapturedPacket::micros).max()
                .orElseThrow(() -> new AssertionError("no keepalived advert captured:\n" + dump(pkts)));
        long firstGarp = pkts.stream()
                .filter(p -> p.isGarpFor(VIP) && p.sourceMac().equals(vigilMac) && p.micros() > lastKaAdvert)
                .mapToLong(CapturedPacket::micros).min()
                .orElseThrow(() -> new AssertionError("no Vigil GARP captured:\n" + dump(pkts)));
        long firstAdvert = pkts.stream()
                .filter(p -> p.isVrrp() && p.source().equals(d2.ip()) && p.micros() > lastKaAdvert)
                .mapToLong(CapturedPacket::micros).min()
                .orElseThrow(() -> new AssertionError("no Vigil advert captured:\n" + dump(pkts)));
        System.out.printf("Vigil takeover from keepalived: first advert %.3f ms beyond Master_Down_Interval%n",
                (firstAdvert - lastKaAdvert - MASTER_DOWN_100_MICROS) / 1000.0);
        long beyond = firstGarp - lastKaAdvert - MASTER_DOWN_100_MICROS;
        System.out.printf("Vigil takeover from keepalived: first GARP %.3f ms beyond Master_Down_Interval"
                + " (3.609 s after keepalived's last advert)%n", beyond / 1000.0);
        assertTrue(beyond > -2_000 && beyond <= 5_000,
                "first GARP " + beyond + " µs beyond Master_Down_Interval (want ≤ 5 ms)");

        // keepalived comes back with priority 150: Vigil returns to BACKUP and removes the VIP
        d1.plug();
        try (KeepalivedNode back = KeepalivedNode.start(lab, d1, VrrpConf.instance("MASTER", 150))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> d1.hasAddress(VIP));
            await().atMost(Duration.ofSeconds(5)).until(() -> !d2.hasAddress(VIP));
            assertTrue(vigil.logged("(VI_1) Master received advert from 10.99.0.1 with higher priority 150"),
                    vigil.log());
            await().atMost(Duration.ofSeconds(5)).until(() -> vigil.logged("(VI_1) Entering BACKUP STATE"));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.ping(VIP));
            assertEquals(0, vigil.stop(), "SIGTERM exits 0");
        }
    }

    static String dump(List<CapturedPacket> pkts) {
        StringBuilder sb = new StringBuilder();
        pkts.stream().skip(Math.max(0, pkts.size() - 30)).forEach(p -> sb.append(p.micros()).append(' ')
                .append(p.text()).append('\n'));
        return sb.toString();
    }
}
