package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the lab harness against the reference itself: a keepalived MASTER 150 / BACKUP 100 pair in namespaces. The
 * figures it prints (takeover beyond Master_Down_Interval) are keepalived's baseline for Vigil's interop tests.
 */
@Tag("keepalived")
class KeepalivedPairBaselineTest {
    @Test
    void backupTakesOverWhenTheMasterDies() throws Exception {
        assumeTrue(KeepalivedNode.installed(), "keepalived is not installed (scripts/test-all.sh installs it)");
        try (NetLab lab = NetLab.create("kb")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost client = lab.addHost("c", "10.99.0.9/24");
            try (KeepalivedNode master = KeepalivedNode.start(lab, d1, VrrpConf.instance("MASTER", 150));
                 KeepalivedNode backup = KeepalivedNode.start(lab, d2, VrrpConf.instance("BACKUP", 100));
                 PacketCapture cap = PacketCapture.start(lab, client, "ip proto 112 or arp")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> d1.hasAddress(VrrpConf.VIP));
                assertFalse(d2.hasAddress(VrrpConf.VIP), "the backup must not hold the VIP while the master lives");
                await().atMost(Duration.ofSeconds(5)).until(() -> client.ping(VrrpConf.VIP));

                String backupMac = d2.mac();
                // on a loaded machine the backup can win a start-up race and send GARPs (and, 5 s later, its
                // delayed second burst) before the master preempts it: only GARPs after the cut count
                long cutMicros = System.currentTimeMillis() * 1000;
                d1.unplug();
                master.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VrrpConf.VIP));
                await().atMost(Duration.ofSeconds(5)).until(() -> client.ping(VrrpConf.VIP));
                assertTrue(backup.logged("(VI_1) Entering MASTER STATE"));

                List<CapturedPacket> pkts = cap.packets();
                long lastMasterAdvert = pkts.stream()
                        .filter(p -> p.isVrrp() && p.source().equals(d1.ip()) && p.vrrpPriority() == 150)
                        .mapToLong(CapturedPacket::micros).max().orElseThrow();
                long firstBackupGarp = pkts.stream()
                        .filter(p -> p.isGarpFor(VrrpConf.VIP) && p.sourceMac().equals(backupMac)
                                && p.micros() >= cutMicros)
                        .mapToLong(CapturedPacket::micros).min()
                        .orElseThrow(() -> new AssertionError("no GARP from the backup (" + backupMac + ") in: " + pkts + "; " + cap.diagnostics()));
                long beyond = firstBackupGarp - lastMasterAdvert - VrrpConf.MASTER_DOWN_100_MICROS;
                System.out.printf("keepalived takeover: first GARP %.3f ms beyond Master_Down_Interval%n", beyond / 1000.0);
                assertTrue(beyond > -2_000 && beyond < 200_000, "takeover " + beyond + " µs beyond Master_Down_Interval");
            }
        }
    }
}
