package dev.vigil.daemon.it;

import static dev.vigil.daemon.it.VrrpConf.VIP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 3, proof (3) continued: unicast peers, nopreempt, preempt_delay, sync groups, notify scripts, SIGUSR2. */
@Tag("netns")
class VigilFeaturesTest {

    private static String unicast(String state, int priority, String self, String peer, String extra) {
        return VrrpConf.instance(state, priority, "secret12", 1, """
                  unicast_src_ip %s
                  unicast_peer {
                    %s
                  }
                %s""".formatted(self, peer, extra));
    }

    @Test
    void unicastPeersWithNopreempt() throws Exception {
        try (NetLab lab = NetLab.create("vu")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            try (PacketCapture cap = PacketCapture.start(lab, d1, "ip proto 112");
                 VigilNode low = VigilNode.start(lab, d2, unicast("BACKUP", 100, "10.99.0.2", "10.99.0.1", ""))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d2.hasAddress(VIP));
                try (VigilNode high = VigilNode.start(lab, d1,
                        unicast("BACKUP", 150, "10.99.0.1", "10.99.0.2", "  nopreempt\n"))) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> high.logged("(VI_1) Entering BACKUP STATE (init)"));
                    Thread.sleep(5_000);
                    assertFalse(d1.hasAddress(VIP), "nopreempt: the higher priority stays BACKUP\n" + high.log());
                    assertTrue(d2.hasAddress(VIP));
                    List<CapturedPacket> pkts = cap.packets();
                    assertTrue(pkts.stream().anyMatch(p -> p.text().contains("10.99.0.2 > 10.99.0.1: VRRPv2")),
                            "unicast adverts to the peer");
                    assertFalse(pkts.stream().anyMatch(p -> p.text().contains("> 224.0.0.18")), "no multicast");
                    assertEquals(0, low.stop());
                    await().atMost(Duration.ofSeconds(5)).until(() -> d1.hasAddress(VIP));
                }
            }
        }
    }

    @Test
    void preemptDelayHoldsTheTakeover() throws Exception {
        try (NetLab lab = NetLab.create("vd")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            try (VigilNode low = VigilNode.start(lab, d2, VrrpConf.instance("BACKUP", 100))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d2.hasAddress(VIP));
                // a VIP left behind by a previous run: removed at startup
                assertEquals(0, d1.exec("ip", "addr", "add", VIP + "/24", "dev", "eth0").exitCode());
                try (VigilNode high = VigilNode.start(lab, d1,
                        VrrpConf.instance("BACKUP", 150, "secret12", 1, "  preempt_delay 6\n"))) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> high.logged("start preempt delay"));
                    assertFalse(d1.hasAddress(VIP), "stale VIP removed at startup\n" + high.log());
                    long started = System.nanoTime();
                    await().atMost(Duration.ofSeconds(15)).until(() -> d1.hasAddress(VIP) && !d2.hasAddress(VIP));
                    long waited = (System.nanoTime() - started) / 1_000_000;
                    System.out.printf("preempt_delay 6: took over %d ms after the delay started%n", waited);
                    assertTrue(waited >= 5_000, "preempted after " + waited + " ms, before preempt_delay 6 s");
                }
            }
        }
    }

    @Test
    void syncGroupMovesTogetherAndNotifyScriptsRun() throws Exception {
        try (NetLab lab = NetLab.create("vs")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            d1.netns().veth("trk1", "trk1p");
            Path notes = lab.workDir().resolve("notify.out");
            try (VigilNode v2 = VigilNode.start(lab, d2, group("BACKUP", 100, "", ""));
                 VigilNode v1 = VigilNode.start(lab, d1, group("MASTER", 150, "  track_interface {\n    trk1\n  }\n",
                         "  notify \"/bin/sh -c 'echo $0 $1 $2 $3 >> " + notes + "'\"\n"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP) && d1.hasAddress("10.99.0.101")
                        && !d2.hasAddress(VIP) && !d2.hasAddress("10.99.0.101"));
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notes)
                        && Files.readString(notes).contains("INSTANCE VI_1 MASTER 150"));
                d1.setLink("trk1", false);
                await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP) && d2.hasAddress("10.99.0.101")
                        && !d1.hasAddress(VIP) && !d1.hasAddress("10.99.0.101"));
                assertTrue(v1.logged("VRRP_Group(G1) Syncing instances to FAULT state"), v1.log());
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(notes).contains("INSTANCE VI_1 FAULT"));

                // SIGUSR2: keepalived's stats file
                Path stats = lab.workDir().resolve("vigil-d1").resolve("keepalived.stats"); // the node's $TMPDIR
                long before = Files.exists(stats) ? Files.getLastModifiedTime(stats).toMillis() : 0;
                String pid = Files.readString(lab.workDir().resolve("vigil-d1").resolve("vigil.pid")).trim();
                assertEquals(0, new ProcessBuilder("kill", "-USR2", pid).start().waitFor());
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(stats)
                        && Files.getLastModifiedTime(stats).toMillis() > before
                        && Files.readString(stats).contains("VRRP Instance: VI_2"));
                String text = Files.readString(stats);
                assertTrue(text.contains("VRRP Instance: VI_1\n  Advertisements:\n"), text);
            }
        }
    }

    @Test
    void reloadWithAHigherPriorityPreempts() throws Exception {
        try (NetLab lab = NetLab.create("vr")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            try (VigilNode v1 = VigilNode.start(lab, d1, VrrpConf.instance("MASTER", 150));
                 VigilNode v2 = VigilNode.start(lab, d2, VrrpConf.instance("BACKUP", 100))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP) && !d2.hasAddress(VIP)
                        && v2.logged("(VI_1) Entering BACKUP STATE (init)"));
                v2.reload(VrrpConf.instance("BACKUP", 200));
                await().atMost(Duration.ofSeconds(20)).until(() -> v2.logged("Reload complete"));
                await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP) && !d1.hasAddress(VIP));
                assertTrue(v1.logged("(VI_1) Master received advert from 10.99.0.2 with higher priority 200, ours 150"),
                        v1.log());
            }
        }
    }

    /** Sends raw IP protocol 112 payloads (hex) from a lab host to {@code dst} with TTL 255. */
    private static void sendVrrp(NetHost from, String dst, String... payloadsHex) {
        String py = "import socket,sys\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_RAW,112)\n"
                + "s.setsockopt(socket.IPPROTO_IP,socket.IP_TTL,255)\n"
                + "for h in sys.argv[2:]: s.sendto(bytes.fromhex(h),(sys.argv[1],0))\n";
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", "-c", py, dst));
        cmd.addAll(List.of(payloadsHex));
        NetLab.ExecResult r = from.exec(cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
    }

    /** A VRRPv2 advert (vrid 51, one VIP 10.99.0.100, PASS auth with {@code pass}) with a correct checksum. */
    private static String advert(int priority, String pass) {
        byte[] m = new byte[20];
        m[0] = 0x21;
        m[1] = 51;
        m[2] = (byte) priority;
        m[3] = 1;
        m[4] = 1;
        m[5] = 1;
        m[8] = 10;
        m[9] = 99;
        m[10] = 0;
        m[11] = 100;
        byte[] p = pass.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, m, 12, Math.min(8, p.length));
        long sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int c = (int) (~sum & 0xffff);
        m[6] = (byte) (c >> 8);
        m[7] = (byte) c;
        return java.util.HexFormat.of().formatHex(m);
    }

    @Test
    void garbageAndForgedAdvertsAreLoggedAndChangeNothingWithJsonEvents() throws Exception {
        try (NetLab lab = NetLab.create("vg")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            try (VigilNode v1 = VigilNode.start(lab, d1, VrrpConf.instance("MASTER", 150), "json")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP));
                await().atMost(Duration.ofSeconds(5)).until(() -> v1.logged("\"event\":\"vrrp.state_change\"")
                        && v1.logged("\"to\":\"MASTER\""));
                sendVrrp(d2, d1.ip(), "21", "2133", advert(200, "wrongpwd"), advert(200, "wrongpwd"));
                await().atMost(Duration.ofSeconds(5)).until(() -> v1.logged("(VI_1) received an invalid passwd!"));
                await().atMost(Duration.ofSeconds(5)).until(() -> v1.logged("\"event\":\"vrrp.advert_rejected\""));
                String rejected = v1.logLines().stream().filter(l -> l.contains("vrrp.advert_rejected")).findFirst()
                        .orElseThrow();
                assertTrue(rejected.contains("\"src\":\"10.99.0.2\"") && rejected.contains("\"vrid\":51")
                        && rejected.contains("\"reason\":\"auth_failure\""), rejected);
                assertEquals(1, v1.logLines().stream().filter(l -> l.contains("vrrp.advert_rejected")).count(),
                        "rate-limited: one event for the same source and reason");
                assertTrue(v1.logged("too short"), "garbage is logged:\n" + v1.log());
                Thread.sleep(1_500);
                assertTrue(v1.isAlive());
                assertTrue(d1.hasAddress(VIP), "forged higher-priority adverts with a bad password change nothing");
                assertEquals(1, v1.logLines().stream().filter(l -> l.contains("Entering BACKUP STATE")).count(),
                        "only the init BACKUP: the forged adverts never demoted the master");
                assertFalse(v1.logged("secret12"), "auth_pass never logged:\n" + v1.log());
            }
        }
    }

    @Test
    void dontReleaseVrrpLeavesTheVipOnStop() throws Exception {
        try (NetLab lab = NetLab.create("vx")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            try (VigilNode v1 = VigilNode.start(lab, d1, VrrpConf.instance("MASTER", 150), "text", "-V")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP));
                assertEquals(0, v1.stop());
                assertTrue(v1.logged("(VI_1) sent 0 priority"), v1.log());
                assertTrue(d1.hasAddress(VIP), "-V: VIPs stay in place on stop");
            }
        }
    }

    private static String group(String state, int priority, String trackVi2, String notifyVi1) {
        return """
                global_defs {
                  router_id N%d
                }
                vrrp_sync_group G1 {
                  group {
                    VI_1
                    VI_2
                  }
                }
                vrrp_instance VI_1 {
                  state %s
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    %s/24
                  }
                %s}
                vrrp_instance VI_2 {
                  state %s
                  interface eth0
                  virtual_router_id 52
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    10.99.0.101/24
                  }
                %s}
                """.formatted(priority, state, priority, VIP, notifyVi1, state, priority, trackVi2);
    }
}
