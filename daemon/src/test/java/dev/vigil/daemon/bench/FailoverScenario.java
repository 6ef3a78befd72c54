package dev.vigil.daemon.bench;

import static org.awaitility.Awaitility.await;

import dev.vigil.daemon.bench.PairResult.Figure;
import dev.vigil.daemon.it.NetHost;
import dev.vigil.daemon.it.NetLab;
import dev.vigil.daemon.it.PacketCapture;
import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import dev.vigil.daemon.it.VrrpNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One pair kind in one lab (d1 MASTER 150, d2 BACKUP 100, a client), run {@code runs} times. Each run: d1 starts and
 * takes the VIP; hold (MASTER adverts recorded for jitter); d1's cable is pulled and d1 killed (hard failure, d2 takes
 * over); d1 comes back clean and preempts; hold; d1 gets SIGTERM (graceful, d2 takes over again). The client captures
 * VRRP and ARP and pings the VIP every 10 ms throughout.
 */
final class FailoverScenario {
    static final String VIP = "10.99.0.100";
    static final int MASTER_PRIORITY = 150;
    static final int BACKUP_PRIORITY = 100;
    static final long ADVERT_MICROS = 1_000_000L;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final PairKind pair;
    private final Duration hold;

    FailoverScenario(PairKind pair, Duration hold) {
        this.pair = pair;
        this.hold = hold;
    }

    static String config(String state, int priority) {
        return """
                global_defs {
                  router_id NODE_%d
                }
                vrrp_instance VI_1 {
                  state %s
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  authentication {
                    auth_type PASS
                    auth_pass bench123
                  }
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(priority, state, priority, VIP);
    }

    PairResult run(int runs) throws IOException {
        PairResult result = new PairResult(pair, null);
        try (NetLab lab = NetLab.create("fb")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost client = lab.addHost("c", "10.99.0.9/24");
            try (VrrpNode backup = pair.backup().start(lab, d2, config("BACKUP", BACKUP_PRIORITY))) {
                for (int i = 1; i <= runs; i++) {
                    try {
                        oneRun(lab, d1, d2, client, result);
                        result.runs++;
                    } catch (Exception | AssertionError e) {
                        String why = "run " + i + ": " + e;
                        result.failures.add(why);
                        System.out.println(pair.id() + " " + why);
                        recover(d1);
                    }
                }
            }
        }
        return result;
    }

    private void oneRun(NetLab lab, NetHost d1, NetHost d2, NetHost client, PairResult result) throws Exception {
        String masterConf = config("MASTER", MASTER_PRIORITY);
        String backupMac = d2.mac();
        Path dir = lab.workDir();
        try (PacketCapture cap = PacketCapture.start(lab, client, "ip proto 112 or arp")) {
            long failedAt;
            long stoppedAt;
            long hardOutage;
            long gracefulOutage;
            try (VrrpNode master = pair.master().start(lab, d1, masterConf)) {
                awaitHolder(d1, d2, client);
                try (PingMonitor ping = PingMonitor.start(client, dir, VIP)) {
                    await("client pings the VIP").atMost(SETTLE).until(() -> !ping.replyMicros().isEmpty());
                    Thread.sleep(hold.toMillis()); // the measurement window for the MASTER's advert jitter
                    failedAt = BenchTime.nowMicros();
                    d1.unplug();
                    master.kill();
                    // Only d2 is checked: a killed daemon leaves its VIP on the unplugged d1.
                    await("d2 takes the VIP").atMost(SETTLE).until(() -> d2.hasAddress(VIP));
                    await("client reaches the VIP again").atMost(SETTLE).until(() -> ping.repliedAfter(failedAt));
                    ping.close();
                    hardOutage = ping.longestGapMicros();
                }
            }
            recover(d1);
            try (VrrpNode master = pair.master().start(lab, d1, masterConf)) {
                awaitHolder(d1, d2, client);
                try (PingMonitor ping = PingMonitor.start(client, dir, VIP)) {
                    await("client pings the VIP").atMost(SETTLE).until(() -> !ping.replyMicros().isEmpty());
                    Thread.sleep(hold.toMillis());
                    stoppedAt = BenchTime.nowMicros();
                    master.stop();
                    awaitHolder(d2, d1, null);
                    await("client reaches the VIP again").atMost(SETTLE).until(() -> ping.repliedAfter(stoppedAt));
                    ping.close();
                    gracefulOutage = ping.longestGapMicros();
                }
            }
            cap.close();
            List<CapturedPacket> pkts = cap.packets();
            OptionalLong takeover = FailoverAnalysis.takeoverBeyondMasterDown(pkts, d1.ip(), MASTER_PRIORITY, backupMac,
                    VIP, failedAt, FailoverAnalysis.masterDownMicros(BACKUP_PRIORITY, ADVERT_MICROS));
            OptionalLong handover = FailoverAnalysis.handoverBeyondSkew(pkts, d1.ip(), backupMac, VIP, stoppedAt,
                    FailoverAnalysis.skewMicros(BACKUP_PRIORITY, ADVERT_MICROS));
            if (takeover.isEmpty() || handover.isEmpty()) {
                Path keep = Files.write(Files.createTempFile("failover-" + pair.id() + "-", ".txt"),
                        pkts.stream().map(p -> p.micros() + " " + p.text()).toList());
                throw new AssertionError("capture lacks the " + (takeover.isEmpty() ? "takeover" : "handover")
                        + " packets (decoded capture kept in " + keep + ")");
            }
            List<Long> jitter = FailoverAnalysis.advertJitterMicros(pkts, d1.ip(), MASTER_PRIORITY, ADVERT_MICROS);
            System.out.printf("%s run: takeover %+.3f ms, handover %+.3f ms, outage %.1f / %.1f ms, jitter µs %s%n",
                    pair.id(), takeover.getAsLong() / 1000.0, handover.getAsLong() / 1000.0, hardOutage / 1000.0,
                    gracefulOutage / 1000.0, jitter);
            result.add(Figure.TAKEOVER, takeover.getAsLong());
            result.add(Figure.HANDOVER, handover.getAsLong());
            result.add(Figure.OUTAGE_HARD, hardOutage);
            result.add(Figure.OUTAGE_GRACEFUL, gracefulOutage);
            jitter.forEach(j -> result.add(Figure.JITTER, j));
        }
    }

    /** Waits until {@code holder} alone has the VIP (and, with a client, until it answers on it). */
    private static void awaitHolder(NetHost holder, NetHost other, NetHost client) {
        await(holder.name() + " alone holds the VIP").atMost(SETTLE)
                .until(() -> holder.hasAddress(VIP) && !other.hasAddress(VIP));
        if (client != null) {
            await("client reaches the VIP").atMost(SETTLE).until(() -> client.ping(VIP));
        }
    }

    /** A killed daemon leaves its VIP behind; the host comes back as if rebooted: VIP gone, cable in. */
    private static void recover(NetHost d1) throws IOException {
        d1.exec("ip", "addr", "del", VIP + "/24", "dev", "eth0");
        d1.plug();
    }
}
