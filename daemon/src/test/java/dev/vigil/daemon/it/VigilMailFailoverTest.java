package dev.vigil.daemon.it;

import static dev.vigil.daemon.it.VrrpConf.VIP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: a real failover of a two-node Vigil pair produces keepalived 2.2.7's alert mails (exact subjects and
 * bodies), delivered to an SMTP server in its own namespace, also when that server is down at the moment of failover
 * and only started seconds later. Vigil also delivers the "Stopping" mail on SIGTERM before it exits.
 */
@Tag("netns")
class VigilMailFailoverTest {
    private static final String OWNING = "=> VRRP Instance is now owning VRRP VIPs <=";
    private static final String NOT_OWNING = "=> VRRP Instance is no longer owning VRRP VIPs <=";
    private static final String STOPPING = "=> VRRP Instance stopping <=";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void failoverAndStopSendKeepalivedMails() throws Exception {
        try (NetLab lab = NetLab.create("ml")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost mx = lab.addHost("smtp", "10.99.0.25/24");
            try (LabSmtpServer smtp = LabSmtpServer.start(lab, mx, "up");
                 Pair pair = Pair.start(lab, d1, d2)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> find(smtp, "NODE1", "MASTER").isPresent()
                        && find(smtp, "NODE2", "BACKUP").isPresent());
                assertKeepalivedMail(find(smtp, "NODE1", "MASTER").orElseThrow(), OWNING);
                assertKeepalivedMail(find(smtp, "NODE2", "BACKUP").orElseThrow(), NOT_OWNING);
                assertTrue(find(smtp, "NODE2", "MASTER").isEmpty(), "the backup never was master:\n" + smtp.messages());

                // hard failure of the master: cable pulled, process killed
                d1.unplug();
                pair.v1.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP));
                await().atMost(Duration.ofSeconds(15)).until(() -> find(smtp, "NODE2", "MASTER").isPresent());
                ReceivedMail failover = find(smtp, "NODE2", "MASTER").orElseThrow();
                assertKeepalivedMail(failover, OWNING);
                long enteredMaster = logMillis(pair.v2, "(VI_1) Entering MASTER STATE");
                System.out.printf("failover mail: delivered %d ms after NODE2 entered MASTER%n",
                        failover.receivedAtMillis() - enteredMaster);

                // SIGTERM: Vigil sends the Stopping mail before it exits (keepalived 2.2.7 exits first)
                assertEquals(0, pair.v2.stop(), pair.v2.log());
                // the process is gone: whatever arrives now was accepted before it exited
                await().atMost(Duration.ofSeconds(5)).until(() -> stopping(smtp, "NODE2").isPresent());
                assertKeepalivedMail(stopping(smtp, "NODE2").orElseThrow(), STOPPING);
                assertFalse(pair.v2.logged("not sent before exit"), pair.v2.log());
                // every transition mailed once, in order; a non-owner MASTER starts in BACKUP (init) as keepalived's does
                assertEquals(List.of("[NODE1] VRRP Instance VI_1 - Entering BACKUP state",
                        "[NODE1] VRRP Instance VI_1 - Entering MASTER state"), subjects(smtp, "NODE1"));
                assertEquals(List.of("[NODE2] VRRP Instance VI_1 - Entering BACKUP state",
                        "[NODE2] VRRP Instance VI_1 - Entering MASTER state",
                        "[NODE2] VRRP Instance VI_1 - Stopping"), subjects(smtp, "NODE2"));
            }
        }
    }

    @Test
    void alertRaisedWhileSmtpServerIsDownIsDeliveredWhenItStarts() throws Exception {
        try (NetLab lab = NetLab.create("mq")) {
            NetHost mx = lab.addHost("smtp", "10.99.0.25/24");
            LabSmtpServer before = LabSmtpServer.start(lab, mx, "before");
            // the server process dies (connections refused) and a new one starts later, with an empty mailbox
            failoverDuringMailOutage(lab, before, "server down", before::stop,
                    () -> LabSmtpServer.start(lab, mx, "after"),
                    List.of("[NODE2] VRRP Instance VI_1 - Entering MASTER state",
                            "[NODE2] VRRP Instance VI_1 - Stopping"));
        }
    }

    @Test
    void alertRaisedWhileSmtpHostIsUnreachableIsDeliveredWhenItReturns() throws Exception {
        try (NetLab lab = NetLab.create("mu")) {
            NetHost mx = lab.addHost("smtp", "10.99.0.25/24");
            LabSmtpServer server = LabSmtpServer.start(lab, mx, "up");
            // the mail host's cable is pulled: connects hang until smtp_connect_timeout or fail on ARP
            failoverDuringMailOutage(lab, server, "host unreachable", mx::unplug, () -> {
                mx.plug();
                return server;
            }, List.of("[NODE2] VRRP Instance VI_1 - Entering BACKUP state",
                    "[NODE2] VRRP Instance VI_1 - Entering MASTER state",
                    "[NODE2] VRRP Instance VI_1 - Stopping"));
        }
    }

    /**
     * Issue 5: a flap storm (the master's cable pulled and put back 5 times, so the backup goes MASTER and BACKUP 10
     * times within a minute) reaches the mailbox as at most 4 mails from the backup (after its start-up mail): its
     * first changes one by one, then one digest that lists every further change in order and ends with the current
     * state. None is lost.
     */
    @Test
    void aFlapStormIsMailedAsADigest() throws Exception {
        try (NetLab lab = NetLab.create("mf")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost mx = lab.addHost("smtp", "10.99.0.25/24");
            try (LabSmtpServer smtp = LabSmtpServer.start(lab, mx, "up");
                 Pair pair = Pair.start(lab, d1, d2)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> find(smtp, "NODE2", "BACKUP").isPresent());
                for (int i = 0; i < 5; i++) {
                    d1.unplug();
                    await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP));
                    d1.plug();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !d2.hasAddress(VIP));
                }
                assertEquals(11, transitions(pair.v2), "start-up BACKUP + 5 x (MASTER, BACKUP):\n" + pair.v2.log());
                // the hold ends 30 s after the last change
                await().atMost(Duration.ofSeconds(60)).until(() -> subjects(smtp, "NODE2").stream()
                        .anyMatch(s -> s.contains("(flapping: ")));
                List<String> subjects = subjects(smtp, "NODE2");
                // the start-up BACKUP, the first MASTER and BACKUP, maybe the second MASTER (when the start-up was
                // more than 30 s before), then the digest of the rest: 4 or 5 mails for 11 changes
                assertEquals("[NODE2] VRRP Instance VI_1 - Entering BACKUP state", subjects.get(0),
                        subjects.toString());
                assertEquals("[NODE2] VRRP Instance VI_1 - Entering MASTER state", subjects.get(1),
                        subjects.toString());
                System.out.printf("flap storm: 11 changes of NODE2 mailed as %d mails: %s%n", subjects.size(),
                        subjects);
                int plain = subjects.size() - 1;
                assertTrue(plain == 3 || plain == 4, subjects.toString());
                int held = 11 - plain;
                String last = subjects.get(subjects.size() - 1);
                assertEquals("[NODE2] VRRP Instance VI_1 - Entering BACKUP state (flapping: " + held + " changes)",
                        last, "every change is in a mail: " + subjects);
                ReceivedMail digest = bySubject(smtp, last).orElseThrow();
                assertEquals("Keepalived", digest.headers().get("X-Mailer"));
                List<String> lines = digest.body().lines().toList();
                assertTrue(lines.get(0).startsWith("=> instance VI_1 changed state " + held + " times in "),
                        digest.body());
                boolean master = held % 2 == 0; // the held changes alternate and end in BACKUP
                for (int i = 1; i <= held; i++, master = !master) {
                    assertTrue(lines.get(i).endsWith("[NODE2] VRRP Instance VI_1 - Entering "
                            + (master ? "MASTER state  " + OWNING : "BACKUP state  " + NOT_OWNING)), digest.body());
                }
                assertEquals("Current state: [NODE2] VRRP Instance VI_1 - Entering BACKUP state",
                        lines.get(held + 1));
                assertTrue(pair.v2.logged("instance VI_1 is flapping"), pair.v2.log());
            }
        }
    }

    /** How many times {@code node} logged keepalived's "(VI_1) Entering ... STATE" line. */
    private static long transitions(VigilNode node) throws IOException {
        long n = 0;
        for (String line : node.logLines()) {
            if (line.startsWith("{") && JSON.readTree(line).path("message").asText()
                    .matches("\\(VI_1\\) Entering (MASTER|BACKUP|FAULT) STATE.*")) {
                n++;
            }
        }
        return n;
    }

    /** Starts or restores mail service. */
    private interface MailRestore {
        LabSmtpServer restore() throws IOException;
    }

    /** Begins a mail outage. */
    private interface MailOutage {
        void begin() throws IOException;
    }

    /**
     * Pair up while {@code initial} serves mail; mail outage; the master fails; 6+ s later mail is restored. The queued
     * failover alert must then arrive, dated at the event, and after SIGTERM the stop alert: the NODE2 mails the
     * restored server holds are exactly {@code node2Subjects} (none lost, none twice).
     */
    private static void failoverDuringMailOutage(NetLab lab, LabSmtpServer initial, String what, MailOutage outage,
                                                 MailRestore restore, List<String> node2Subjects) throws Exception {
        NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
        NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
        try (Pair pair = Pair.start(lab, d1, d2)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> find(initial, "NODE1", "MASTER").isPresent()
                    && find(initial, "NODE2", "BACKUP").isPresent());
            outage.begin();
            d1.unplug();
            pair.v1.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> d2.hasAddress(VIP));
            long enteredMaster = logMillis(pair.v2, "(VI_1) Entering MASTER STATE");
            // the queue has failed at least once and is backing off; mail comes back 6+ s after the failover
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                    .until(() -> loggedAfter(pair.v2, "Retrying", enteredMaster));
            try (LabSmtpServer after = restore.restore()) {
                long restored = System.currentTimeMillis();
                await().atMost(Duration.ofSeconds(30)).until(() -> find(after, "NODE2", "MASTER").isPresent());
                ReceivedMail late = find(after, "NODE2", "MASTER").orElseThrow();
                assertKeepalivedMail(late, OWNING);
                // dated when the event happened, not when it was finally delivered (Date has 1 s resolution)
                long dated = ZonedDateTime.parse(late.headers().get("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
                assertTrue(Math.abs(dated - enteredMaster) < 1000,
                        "Date " + late.headers().get("Date") + " vs event at " + enteredMaster);
                System.out.printf("queued failover mail (%s): mail back %d ms after failover, delivered %d ms after "
                                + "failover (%d ms after mail came back)%n", what, restored - enteredMaster,
                        late.receivedAtMillis() - enteredMaster, late.receivedAtMillis() - restored);

                assertEquals(0, pair.v2.stop(), pair.v2.log());
                await().atMost(Duration.ofSeconds(5)).until(() -> stopping(after, "NODE2").isPresent());
                assertKeepalivedMail(stopping(after, "NODE2").orElseThrow(), STOPPING);
                assertEquals(node2Subjects, subjects(after, "NODE2"), after.messages().toString());
                assertFalse(pair.v2.logged("not sent before exit"), pair.v2.log());
            }
        }
    }

    /** Two Vigil nodes; NODE1 (priority 150) is master before NODE2 (100) starts, so NODE2 only ever was BACKUP. */
    private record Pair(VigilNode v1, VigilNode v2) implements AutoCloseable {
        static Pair start(NetLab lab, NetHost d1, NetHost d2) throws IOException {
            VigilNode v1 = VigilNode.start(lab, d1, conf("NODE1", "MASTER", 150), "json");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP));
                return new Pair(v1, VigilNode.start(lab, d2, conf("NODE2", "BACKUP", 100), "json"));
            } catch (IOException | RuntimeException e) {
                v1.close();
                throw e;
            }
        }

        @Override
        public void close() {
            v2.close();
            v1.close();
        }
    }

    private static String conf(String routerId, String state, int priority) {
        return """
                global_defs {
                  router_id %s
                  notification_email {
                    ops@example.com
                  }
                  notification_email_from vigil@example.com
                  smtp_server 10.99.0.25 %d
                  smtp_connect_timeout 5
                }
                vrrp_instance VI_1 {
                  state %s
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  smtp_alert
                  authentication {
                    auth_type PASS
                    auth_pass secret12
                  }
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(routerId, LabSmtpServer.PORT, state, priority, VIP);
    }

    private static Optional<ReceivedMail> find(LabSmtpServer smtp, String node, String state) throws IOException {
        return bySubject(smtp, "[" + node + "] VRRP Instance VI_1 - Entering " + state + " state");
    }

    private static Optional<ReceivedMail> stopping(LabSmtpServer smtp, String node) throws IOException {
        return bySubject(smtp, "[" + node + "] VRRP Instance VI_1 - Stopping");
    }

    private static Optional<ReceivedMail> bySubject(LabSmtpServer smtp, String subject) throws IOException {
        return smtp.messages().stream().filter(m -> subject.equals(m.subject())).findFirst();
    }

    /** Subjects of the mails from {@code node}, in arrival order. */
    private static List<String> subjects(LabSmtpServer smtp, String node) throws IOException {
        return smtp.messages().stream().map(ReceivedMail::subject).filter(s -> s.startsWith("[" + node + "]"))
                .toList();
    }

    /** keepalived 2.2.7's headers and body (keepalived-behaviour.md §4.3). */
    private static void assertKeepalivedMail(ReceivedMail mail, String body) {
        assertEquals("vigil@example.com", mail.headers().get("From"), mail.toString());
        assertEquals("ops@example.com", mail.headers().get("To"), mail.toString());
        assertEquals("Keepalived", mail.headers().get("X-Mailer"), mail.toString());
        // keepalived ends the data with "<body>\r\n\r\n.\r\n": the second CRLF belongs to the terminator
        assertEquals(body + "\r\n", mail.body(), mail.toString());
    }

    /** True when {@code node} logged {@code fragment} after epoch ms {@code since}. */
    private static boolean loggedAfter(VigilNode node, String fragment, long since) throws IOException {
        for (String line : node.logLines()) {
            if (line.startsWith("{") && line.contains(fragment) && lineMillis(JSON.readTree(line)) > since) {
                return true;
            }
        }
        return false;
    }

    private static long lineMillis(JsonNode json) {
        return OffsetDateTime.parse(json.get("ts").asText()).toInstant().toEpochMilli();
    }

    /** The epoch ms of the last JSON log line of {@code node} whose message contains {@code fragment}. */
    private static long logMillis(VigilNode node, String fragment) throws IOException {
        long at = -1;
        for (String line : node.logLines()) {
            if (line.startsWith("{") && line.contains(fragment)) {
                JsonNode json = JSON.readTree(line);
                if (json.path("message").asText().contains(fragment)) {
                    at = lineMillis(json);
                }
            }
        }
        assertTrue(at >= 0, "no log line with '" + fragment + "':\n" + node.log());
        return at;
    }
}
