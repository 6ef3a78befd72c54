package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 3, proof item 4: bad input at a running pair. A third host floods the segment with every malformed advert of
 * the UNH-IOL receive-validation group (bad TTL, version, length short/long, checksum, unknown VRID, invalid auth type,
 * auth type mismatch, wrong password, advert interval, unknown type, address count, wrong VIP list) plus random
 * garbage, 1,000 packets/s for 10 s, each a priority-254 advert but for its one defect. Both the MASTER and the BACKUP
 * must keep their state and run on, and count every rejection under its reason in the SIGUSR2 stats file.
 */
@Tag("netns")
class BadAdvertFloodTest {
    static final String VIP = "10.99.0.100";
    static final int VRID = 51;
    static final String PASSWORD = "flood123";
    static final int RATE = 1000;
    static final int SECONDS = 10;

    /** Each malformed kind's log line (keepalived 2.2.7's text, which Vigil reproduces). */
    static final Map<String, String> LOG_LINES = linkedMap(
            "ttl", "invalid TTL/HL. Received 64 and expect 255",
            "version", "wrong version. Received 3 and expect 2",
            "short", "vrrp packet too short",
            "long", "vrrp packet too long",
            "checksum", "Invalid VRRPv2 checksum",
            "authtype_invalid", "Invalid auth type: 3",
            "authtype_mismatch", "received a 0 auth, expecting 1!",
            "password", "received an invalid passwd!",
            "interval", "advertisement interval mismatch mine=1 sec rcv'd=2 sec",
            "type", "Invalid packet type. 2 and expect 1",
            "count", "received an unexpected ip number count 2, expected 1!",
            "viplist", "not present in MASTER advert: " + VIP);

    /** Vigil MASTER and BACKUP: no state change, no crash, every rejection counted under its reason and logged. */
    @Test
    void vigilMasterAndBackupRejectEveryMalformedAdvert() throws Exception {
        Outcome o = flood(VrrpImpl.VIGIL);
        List<Executable> checks = new ArrayList<>(o.stateChecks(true));
        for (var e : Map.of("MASTER", o.masterDelta, "BACKUP", o.backupDelta).entrySet()) {
            expectedCounters(VrrpImpl.VIGIL, o.sent).forEach((counter, expected) -> checks.add(() ->
                    assertEquals(expected, e.getValue().get(counter), e.getKey() + " counter " + counter)));
        }
        for (VrrpNode node : List.of(o.master, o.backup)) {
            Map<String, Long> logged = o.logged.get(node);
            LOG_LINES.forEach((kind, line) -> checks.add(() ->
                    assertTrue(logged.get(kind) > 0, node.host().name() + " logged: " + line)));
        }
        assertAll(checks);
    }

    /**
     * The sender proved against the reference: a keepalived MASTER stays MASTER, runs on, and counts and logs the
     * rejections (fewer than were sent: keepalived falls behind at this rate; see BENCHMARKS.md). The BACKUP's fate
     * is printed, not asserted.
     */
    @Test
    @Tag("keepalived")
    void keepalivedMasterRejectsTheMalformedAdverts() throws Exception {
        assumeTrue(KeepalivedNode.installed(), "keepalived is not installed");
        Outcome o = flood(VrrpImpl.KEEPALIVED);
        List<Executable> checks = new ArrayList<>(o.stateChecks(false));
        Map<String, Long> bounds = expectedCounters(VrrpImpl.KEEPALIVED, o.sent);
        // keepalived checks the length for the advert's own version first: a version-3 advert is "too long".
        bounds.merge("Packet Errors/Length", (long) o.sent.of("version"), Long::sum);
        bounds.forEach((counter, sent) -> {
            if (sent > 0) {
                checks.add(() -> assertTrue(o.masterDelta.get(counter) > 0 && o.masterDelta.get(counter) <= sent,
                        "MASTER counted " + counter + ": " + o.masterDelta.get(counter) + " of " + sent));
            }
        });
        LOG_LINES.forEach((kind, line) -> {
            if (!kind.equals("version")) { // counted as a length error, see above
                checks.add(() -> assertTrue(o.logged.get(o.master).get(kind) > 0, "MASTER logged: " + line));
            }
        });
        assertAll(checks);
    }

    /** What a flood did to a pair. */
    private record Outcome(BadAdvertFlood.Sent sent, VrrpNode master, VrrpNode backup,
            boolean masterAlive, boolean backupAlive, boolean masterHasVip, boolean backupHasVip,
            int masterTransitions, int backupTransitions, Map<String, Long> masterDelta, Map<String, Long> backupDelta,
            Map<VrrpNode, Map<String, Long>> logged) {
        /** No crash and no state change: of both nodes, or of the MASTER only. */
        List<Executable> stateChecks(boolean backupToo) {
            List<Executable> checks = new ArrayList<>(List.of(
                    () -> assertTrue(masterAlive, "MASTER died"),
                    () -> assertTrue(masterHasVip, "the MASTER kept the VIP"),
                    () -> assertEquals(0, masterTransitions, "MASTER changed state"),
                    () -> assertEquals(0L, masterDelta.get("Became master") + masterDelta.get("Released master"),
                            "MASTER changed state (counters)")));
            if (backupToo) {
                checks.addAll(List.of(
                        () -> assertTrue(backupAlive, "BACKUP died"),
                        () -> assertFalse(backupHasVip, "the BACKUP took the VIP"),
                        () -> assertEquals(0, backupTransitions, "BACKUP changed state"),
                        () -> assertEquals(0L, backupDelta.get("Became master"), "BACKUP became master")));
            }
            return checks;
        }
    }

    private static Outcome flood(VrrpImpl impl) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(BadAdvertFlood.PYTHON)), "python3 is not installed");
        assumeTrue(BadAdvertFlood.hasScapy(), "python3-scapy is not installed");
        String tag = Long.toString(ProcessHandle.current().pid() % 10000);
        String masterName = "FLOOD" + tag + "M";
        String backupName = "FLOOD" + tag + "B";
        try (NetLab lab = NetLab.create("bf")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost d2 = lab.addHost("d2", "10.99.0.2/24");
            NetHost sender = lab.addHost("x", "10.99.0.66/24");
            try (VrrpNode master = impl.start(lab, d1, config(masterName, "MASTER", 150));
                 VrrpNode backup = impl.start(lab, d2, config(backupName, "BACKUP", 100))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> d1.hasAddress(VIP) && !d2.hasAddress(VIP));
                await().atMost(Duration.ofSeconds(10)).until(() -> backup.logged("Entering BACKUP STATE"));
                Map<String, Long> masterBefore = VrrpStatsFile.read(master, masterName);
                Map<String, Long> backupBefore = VrrpStatsFile.read(backup, backupName);
                int masterTransitions = transitions(master);
                int backupTransitions = transitions(backup);

                BadAdvertFlood.Sent sent = BadAdvertFlood.run(sender, VRID, PASSWORD, VIP, RATE, SECONDS);
                System.out.printf("%s: sent %d malformed packets in %.3f s: %s%n", impl.label(), sent.total(),
                        sent.seconds(), sent.perKind());
                assertEquals(RATE * SECONDS, sent.total());
                assertTrue(sent.seconds() < SECONDS * 1.5, "the sender kept up with " + RATE + " packets/s");
                if (impl == VrrpImpl.VIGIL) {
                    // The receivers may still be working through their sockets' backlog when the sender stops:
                    // wait until Vigil's counters reach what was sent (keepalived's fall short for good).
                    Map<String, Long> want = expectedCounters(impl, sent);
                    try {
                        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                                reached(want, delta(masterBefore, VrrpStatsFile.read(master, masterName)))
                                && reached(want, delta(backupBefore, VrrpStatsFile.read(backup, backupName))));
                    } catch (ConditionTimeoutException e) {
                        // the assertions say which counters fell short
                    }
                }

                Map<String, Long> masterDelta = delta(masterBefore, VrrpStatsFile.read(master, masterName));
                Map<String, Long> backupDelta = delta(backupBefore, VrrpStatsFile.read(backup, backupName));
                Map<VrrpNode, Map<String, Long>> logged = Map.of(master, logCounts(master), backup, logCounts(backup));
                Outcome o = new Outcome(sent, master, backup, alive(master), alive(backup),
                        d1.hasAddress(VIP), d2.hasAddress(VIP), transitions(master) - masterTransitions,
                        transitions(backup) - backupTransitions, masterDelta, backupDelta, logged);
                System.out.printf("%s MASTER: alive %s, VIP %s, %d state changes, counters %s, log lines %s%n",
                        impl.label(), o.masterAlive, o.masterHasVip, o.masterTransitions, masterDelta, logged.get(master));
                System.out.printf("%s BACKUP: alive %s, VIP %s, %d state changes, counters %s, log lines %s%n",
                        impl.label(), o.backupAlive, o.backupHasVip, o.backupTransitions, backupDelta, logged.get(backup));
                return o;
            }
        }
    }

    /**
     * What each kind must add to the stats file, from the per-kind counts actually sent. Unknown VRIDs and random
     * noise (never the attacked VRID) are ignored uncounted; version and checksum errors are not in the file.
     */
    static Map<String, Long> expectedCounters(VrrpImpl impl, BadAdvertFlood.Sent sent) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Packet Errors/Length", (long) sent.of("short", "long", "garbage"));
        m.put("Packet Errors/TTL", (long) sent.of("ttl"));
        m.put("Packet Errors/Invalid Type", (long) sent.of("type"));
        // keepalived 2.2.7 drops interval mismatches uncounted; Vigil counts them (documented deviation).
        m.put("Packet Errors/Advertisement Interval", impl == VrrpImpl.VIGIL ? sent.of("interval") : 0L);
        m.put("Packet Errors/Address List", (long) sent.of("count", "viplist"));
        m.put("Authentication Errors/Invalid Type", (long) sent.of("authtype_invalid"));
        m.put("Authentication Errors/Type Mismatch", (long) sent.of("authtype_mismatch"));
        m.put("Authentication Errors/Failure", (long) sent.of("password"));
        m.put("Priority Zero/Received", 0L);
        return m;
    }

    static String config(String name, String state, int priority) {
        return """
                global_defs {
                  router_id NODE_%d
                }
                vrrp_instance %s {
                  state %s
                  interface eth0
                  virtual_router_id %d
                  priority %d
                  advert_int 1
                  authentication {
                    auth_type PASS
                    auth_pass %s
                  }
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(priority, name, state, VRID, priority, PASSWORD, VIP);
    }

    /** How many log lines each malformed kind produced. */
    private static Map<String, Long> logCounts(VrrpNode node) throws IOException {
        List<String> lines = node.logLines();
        Map<String, Long> out = new LinkedHashMap<>();
        LOG_LINES.forEach((kind, text) -> out.put(kind, lines.stream().filter(l -> l.contains(text)).count()));
        return out;
    }

    private static Map<String, String> linkedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static int transitions(VrrpNode node) throws IOException {
        return (int) node.logLines().stream().filter(l -> l.contains("Entering ")).count();
    }

    private static boolean alive(VrrpNode node) {
        try {
            node.signal("0");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean reached(Map<String, Long> want, Map<String, Long> got) {
        return want.entrySet().stream().allMatch(e -> e.getValue().equals(got.get(e.getKey())));
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }
}
