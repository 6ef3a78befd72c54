package dev.vigil.daemon.lab;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.daemon.lab.FailoverTimeline.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, "the lab": {@code vigil lab} run for real (as root, in namespaces) and non-interactively. The failover
 * timeline is in order, the takeover comes one Master_Down_Interval after the master's last advert, the alert mails
 * arrive, and nothing is left behind: no namespace, no process, no file. Also on SIGTERM in the middle of a run, and
 * a lab left by a killed process is removed by the next one.
 */
@Tag("netns")
class LabTest {
    /** Master_Down_Interval of director2 (priority 100) at advert_int 1: 3 s + 156/256 s. */
    private static final long MDI_MS = 3_609;

    @Test
    void failsOverInOrderWithinMasterDownIntervalAndLeavesNothingBehind() throws Exception {
        StringWriter narration = new StringWriter();
        // interactive, with Enter pressed at both prompts (the non-interactive path is the SIGTERM test's and
        // packaging's lab-test.sh)
        Lab lab = new Lab(new LabOptions(1, true), new LabConsole(new PrintWriter(narration), System.nanoTime()),
                new BufferedReader(new StringReader("\n\n")), DaemonLaunch.command());
        LabResult result;
        try {
            result = lab.run();
        } finally {
            System.out.println(narration);
        }
        FailoverTimeline t = result.timeline();
        long lastAdvert = offset(t, FailoverTimeline.LAST_ADVERT);
        long takeover = offset(t, FailoverTimeline.TAKEOVER);
        long garp = offset(t, FailoverTimeline.FIRST_GARP);
        long reachable = offset(t, FailoverTimeline.CLIENT_REACHABLE);
        long mail = offset(t, FailoverTimeline.MASTER_MAIL);
        assertTrue(lastAdvert <= 0 && lastAdvert > -1_100, "the last advert came within one interval before the kill: "
                + lastAdvert);
        assertTrue(lastAdvert < garp, "the new master's GARP follows the old master's last advert");
        assertTrue(takeover > 0 && reachable >= takeover, "the client gets through only after the takeover");
        assertTrue(mail > 0, "the MASTER mail is about this failover");
        // the backup's timer runs from the last advert it heard; the capture clock is this process's (±scheduling)
        long delay = t.takeoverAfterLastAdvertMs();
        assertTrue(delay > MDI_MS - 250 && delay < MDI_MS + 1_000, "takeover " + delay + " ms after the last advert, "
                + "Master_Down_Interval " + MDI_MS + " ms");
        assertEquals(MDI_MS, t.masterDownIntervalMs());
        assertTrue(t.clientOutageMs() >= reachable, "the outage spans the kill");

        assertServedBy(result);

        List<String> subjects = result.mails().stream().map(LabResult.Mail::subject).toList();
        assertTrue(subjects.contains("[director1] VRRP Instance VI_1 - Entering MASTER state"), subjects.toString());
        assertTrue(subjects.contains("[director2] VRRP Instance VI_1 - Entering BACKUP state"), subjects.toString());
        assertTrue(subjects.contains("[director2] VRRP Instance VI_1 - Entering MASTER state"), subjects.toString());
        assertEquals(3, result.memory().size());
        result.memory().forEach(m -> {
            assertTrue(m.rssKb() > 10_000, m.toString());
            System.out.printf("lab memory: %s (%s) VmRSS %.1f MB%n", m.director(), m.state(), m.rssKb() / 1024.0);
        });
        System.out.printf("lab failover: takeover %d ms after the last advert (MDI %d ms), GARP at +%d ms, client "
                + "back at +%d ms, outage %d ms%n", delay, MDI_MS, garp, reachable, t.clientOutageMs());

        JsonNode json = new ObjectMapper().readTree(LabCommand.json(result));
        assertEquals(MDI_MS, json.path("timeline").path("master_down_interval_ms").asLong());
        assertEquals(takeover, eventOffset(json, FailoverTimeline.TAKEOVER));
        assertEquals(result.ipvs(), json.path("ipvs").asBoolean());

        assertNothingLeft(lab.namespaces(), lab.workDir().orElseThrow());
        assertTrue(narration.toString().contains("client -> " + LabTopology.VIP + ": OK, answered by"),
                narration.toString());
        assertTrue(narration.toString().contains("cleaned up"), narration.toString());
        assertTrue(narration.toString().contains("Press Enter to kill director1"), narration.toString());
        assertTrue(narration.toString().contains("Press Enter to clean up and exit"), narration.toString());
    }

    @Test
    void aDirectorThatCannotStartFailsTheLabWhichCleansUp() throws Exception {
        StringWriter narration = new StringWriter();
        // a "daemon" that prints a line and exits 2, as Vigil does on a configuration it cannot run
        Lab lab = new Lab(new LabOptions(1, false), new LabConsole(new PrintWriter(narration), System.nanoTime()),
                new BufferedReader(new StringReader("")),
                List.of("sh", "-c", "echo 'cannot run this configuration' >&2; exit 2", "vigil"));
        Lab.LabFailure failure = assertThrows(Lab.LabFailure.class, lab::run);
        assertTrue(failure.getMessage().contains("director1 exited unexpectedly"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot run this configuration"), failure.getMessage());
        assertNothingLeft(lab.namespaces(), lab.workDir().orElseThrow());
        assertTrue(narration.toString().contains("cleaned up"), narration.toString());
    }

    @Test
    void sigtermInTheMiddleOfARunCleansUp() throws Exception {
        Path out = Files.createTempFile("vigil-lab-sigterm", ".log");
        List<String> cmd = new ArrayList<>(DaemonLaunch.command());
        cmd.addAll(List.of("lab", "--non-interactive"));
        Process lab = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        String prefix = LabNetwork.NAME_PREFIX + lab.pid() + "-";
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("director1 is MASTER")
                    || !lab.isAlive());
            assertTrue(lab.isAlive(), Files.readString(out));
            assertFalse(labNamespaces(prefix).isEmpty(), "the lab is up");
            lab.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook cleans up
            assertTrue(lab.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), Files.readString(out));
            String log = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(log.contains("cleaned up"), log);
            assertEquals(List.of(), labNamespaces(prefix), log);
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("")
                    .contains("vigil-lab-") && p.info().commandLine().orElse("").contains("keepalived.conf")
                    && p.parent().map(pp -> pp.pid() == lab.pid()).orElse(false)), "no director outlives the lab");
        } finally {
            lab.destroyForcibly();
            LabNetwork.removeStale(pid -> pid != lab.pid());
            Files.deleteIfExists(out);
        }
    }

    @Test
    void aLabLeftByADeadProcessIsRemovedAndALiveOneIsKept() throws IOException {
        // pids above the kernel's pid_max (at most 2^22) never exist
        String dead = LabNetwork.NAME_PREFIX + "9999001-sw";
        String live = LabNetwork.NAME_PREFIX + "9999002-sw";
        try {
            Shell.run("ip", "netns", "add", dead);
            Shell.run("ip", "netns", "add", live);
            List<String> removed = LabNetwork.removeStale(pid -> pid == 9_999_002L);
            assertEquals(List.of(dead), removed);
            assertFalse(LabNetwork.existingLabNamespaces().contains(dead));
            assertTrue(LabNetwork.existingLabNamespaces().contains(live));
        } finally {
            Shell.attempt("ip", "netns", "del", dead);
            Shell.attempt("ip", "netns", "del", live);
        }
    }

    /**
     * Without IPVS the master director answers on the VIP itself: director1 before, director2 after. With IPVS both
     * real servers answer (round robin), before and after.
     */
    static void assertServedBy(LabResult result) {
        if (result.ipvs()) {
            assertEquals(Set.of("realserver1", "realserver2"), result.answeredBefore().keySet());
            assertTrue(Set.of("realserver1", "realserver2").containsAll(result.answeredAfter().keySet()),
                    result.answeredAfter().toString());
        } else {
            assertEquals(Set.of("director1"), result.answeredBefore().keySet());
            assertEquals(Set.of("director2"), result.answeredAfter().keySet());
        }
        assertFalse(result.answeredAfter().isEmpty());
    }

    private static void assertNothingLeft(List<String> namespaces, Path workDir) {
        assertFalse(namespaces.isEmpty());
        List<String> existing = LabNetwork.existingLabNamespaces();
        for (String ns : namespaces) {
            assertFalse(existing.contains(ns), ns + " is left behind: " + existing);
        }
        assertFalse(Files.exists(workDir), workDir + " is left behind");
        assertTrue(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .noneMatch(p -> p.info().commandLine().orElse("").contains(workDir.toString())),
                "a director outlived the lab");
    }

    private static List<String> labNamespaces(String prefix) {
        return LabNetwork.existingLabNamespaces().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static long offset(FailoverTimeline t, String key) {
        Event e = t.event(key).orElseThrow(() -> new AssertionError(key + " not seen: " + t.events()));
        return e.offsetMs();
    }

    private static long eventOffset(JsonNode json, String key) {
        for (JsonNode e : json.path("timeline").path("events")) {
            if (key.equals(e.path("key").asText())) {
                return e.path("offset_ms").asLong();
            }
        }
        throw new AssertionError(key + " not in " + json);
    }
}
