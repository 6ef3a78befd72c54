package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, reload: SIGHUP adds a VRRP instance to a running Vigil, which starts it and (higher priority) takes the
 * VIP over from its peer, while the instance already running keeps its state without a flap or a notification;
 * a second SIGHUP removes it: priority 0 is sent, the VIP is released, the peer takes over at once, and keepalived's
 * deletion notifications go out (notify {@code ... DELETED prio} with {@code notify_deleted}, mail "Deleted").
 */
@Tag("netns")
class ReloadAddsAndRemovesInstancesTest {
    private static final String VIP1 = "10.95.0.100";
    private static final String VIP2 = "10.95.0.102";

    private static String instance(String name, int vrid, int priority, String vip, String extra) {
        return """
                vrrp_instance %s {
                  state BACKUP
                  interface eth0
                  virtual_router_id %d
                  priority %d
                  advert_int 1
                  %s
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(name, vrid, priority, extra, vip);
    }

    private static String global(String routerId) {
        return """
                global_defs {
                  router_id %s
                  enable_script_security
                  script_user root
                  notification_email {
                    ops@example.com
                  }
                  notification_email_from vigil@example.com
                  smtp_server 10.95.0.25 %d
                  smtp_connect_timeout 5
                }
                """.formatted(routerId, LabSmtpServer.PORT);
    }

    private static long lines(VigilNode node, String fragment) throws IOException {
        return node.logLines().stream().filter(l -> l.contains(fragment)).count();
    }

    private static List<String> notes(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /**
     * A daemon started without any vrrp_instance starts VRRP when a reload brings the first one; a later reload that
     * names a missing interface is refused and changes nothing.
     */
    @Test
    void theFirstInstanceAddedByReloadStartsVrrpAndAMissingInterfaceIsRefused() throws Exception {
        try (NetLab lab = NetLab.create("rl1")) {
            NetHost a = lab.addHost("a", "10.95.0.1/24");
            try (VigilNode node = VigilNode.start(lab, a, global("NODEA"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.logged("Startup complete"));
                node.reload(global("NODEA") + instance("VI_1", 71, 150, VIP1, ""));
                await().atMost(Duration.ofSeconds(20)).until(() -> a.hasAddress(VIP1)
                        && node.logged("(VI_1) Entering MASTER STATE"));
                assertTrue(node.isAlive());

                // a reload naming an interface this host lacks is refused whole (keepalived 2.2.7 exits instead)
                node.reload(global("NODEA") + instance("VI_1", 71, 150, VIP1, "")
                        + instance("VI_2", 72, 150, VIP2, "").replace("interface eth0", "interface eth7"));
                await().atMost(Duration.ofSeconds(10)).until(() -> node.logged("Reload aborted"));
                assertTrue(node.logged("WARNING - interface eth7 for vrrp_instance VI_2 doesn't exist"), node.log());
                assertTrue(node.isAlive());
                assertTrue(a.hasAddress(VIP1) && !a.hasAddress(VIP2));
                assertFalse(node.logged("(VI_2)"), node.log());
            }
        }
    }

    /** The peer: started in its host with its configuration; answers whether it logged a line. */
    private interface Peer extends AutoCloseable {
        boolean logged(String fragment) throws IOException;

        @Override
        void close();
    }

    private interface PeerStarter {
        Peer start(NetLab lab, NetHost host, String config) throws IOException;
    }

    @Test
    void sighupAddsAnInstanceThenRemovesIt() throws Exception {
        run("rld", (lab, host, config) -> {
            VigilNode node = VigilNode.start(lab, host, config);
            return new Peer() {
                public boolean logged(String fragment) throws IOException {
                    return node.logged(fragment);
                }

                public void close() {
                    node.close();
                }
            };
        });
    }

    /** The same with keepalived 2.2.7 as the peer: it takes VI_2 over on Vigil's priority-0 advert. */
    @Test
    @Tag("keepalived")
    void sighupAddsAndRemovesAnInstanceNextToKeepalived() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(KeepalivedNode.installed(), "keepalived is not installed");
        run("rlk", (lab, host, config) -> {
            KeepalivedNode node = KeepalivedNode.start(lab, host, config);
            return new Peer() {
                public boolean logged(String fragment) throws IOException {
                    return node.logged(fragment);
                }

                public void close() {
                    node.close();
                }
            };
        });
    }

    /** Both peers log keepalived's -D line when the deleted instance's priority-0 advert arrives. */
    private void run(String labName, PeerStarter peer) throws Exception {
        try (NetLab lab = NetLab.create(labName)) {
            NetHost a = lab.addHost("a", "10.95.0.1/24");
            NetHost b = lab.addHost("b", "10.95.0.2/24");
            NetHost mx = lab.addHost("smtp", "10.95.0.25/24");
            Path notes = lab.workDir().resolve("notify-a.out");
            String vi1 = instance("VI_1", 71, 150, VIP1, "");
            String before = global("NODEA") + vi1;
            String withVi2 = before + instance("VI_2", 72, 150, VIP2, """
                    smtp_alert
                    notify_deleted
                    notify "/bin/sh -c 'echo $0 $1 $2 $3 >> %s'"
                    """.formatted(notes));
            try (LabSmtpServer smtp = LabSmtpServer.start(lab, mx, "rld");
                 VigilNode nodeA = VigilNode.start(lab, a, before);
                 Peer nodeB = peer.start(lab, b, global("NODEB") + instance("VI_1", 71, 100, VIP1, "")
                         + instance("VI_2", 72, 100, VIP2, ""))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.hasAddress(VIP1) && b.hasAddress(VIP2)
                        && nodeB.logged("(VI_1) Entering BACKUP STATE"));
                long vi1Lines = lines(nodeA, "(VI_1) Entering");

                // SIGHUP with VI_2 added: it starts, preempts the peer, and VI_1 does not flap
                nodeA.reload(withVi2);
                await().atMost(Duration.ofSeconds(20)).until(() -> a.hasAddress(VIP2) && !b.hasAddress(VIP2)
                        && notes(notes).contains("INSTANCE VI_2 MASTER 150"));
                assertTrue(nodeA.logged("(VI_2) added by reload"), nodeA.log());
                assertTrue(nodeA.logged("Reload complete"), nodeA.log());
                assertEquals(vi1Lines, lines(nodeA, "(VI_1) Entering"), "VI_1 kept its state:\n" + nodeA.log());
                assertTrue(a.hasAddress(VIP1));
                await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.logged("(VI_2) Entering BACKUP STATE"));

                // SIGHUP without VI_2: priority 0, VIP released, the peer takes over, DELETED notified and mailed
                nodeA.reload(before);
                await().atMost(Duration.ofSeconds(10)).until(() -> !a.hasAddress(VIP2) && b.hasAddress(VIP2));
                assertTrue(nodeA.logged("(VI_2) removed by reload"), nodeA.log());
                assertTrue(nodeA.logged("(VI_2) sent 0 priority"), nodeA.log());
                List<String> log = nodeA.logLines();
                assertTrue(indexOf(log, "(VI_2) removed by reload") < lastIndexOf(log, "Reload complete"),
                        "the reload completes once VRRP has applied it:\n" + nodeA.log());
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> nodeB.logged("(VI_2) Backup received priority 0 advertisement"));
                await().atMost(Duration.ofSeconds(5)).until(() -> notes(notes).contains("INSTANCE VI_2 DELETED 150"));
                assertFalse(notes(notes).contains("INSTANCE VI_2 STOP 150"), notes(notes).toString());
                await().atMost(Duration.ofSeconds(15)).until(() -> deleted(smtp).isPresent());
                assertEquals("=> VRRP Deleted at reload <=\r\n", deleted(smtp).orElseThrow().body());
                assertEquals(vi1Lines, lines(nodeA, "(VI_1) Entering"), "VI_1 kept its state:\n" + nodeA.log());
                assertTrue(a.hasAddress(VIP1) && !b.hasAddress(VIP1));
                assertTrue(nodeA.isAlive());
            }
        }
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, String fragment) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<ReceivedMail> deleted(LabSmtpServer smtp) throws IOException {
        return smtp.messages().stream().filter(m -> "[NODEA] VRRP Instance VI_2 - Deleted".equals(m.subject()))
                .findFirst();
    }
}
