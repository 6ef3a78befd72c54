package dev.vigil.notify.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.linux.socket.UnixDatagramSocket;
import dev.vigil.notify.events.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    private static final Logger VRRP = LoggerFactory.getLogger("dev.vigil.vrrp.Instance");
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        SecretMasker.clear();
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(false));
    }

    private List<String> lines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Map<String, Object> stateChange() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("instance", "VI_1");
        f.put("from", "BACKUP");
        f.put("to", "MASTER");
        f.put("reason", "master_down_timer");
        f.put("priority", 150);
        f.put("master_ip", "10.99.0.1");
        return f;
    }

    @Test
    void jsonLinesCarryTheEventAndItsFields() throws Exception {
        LogSetup.configure(new LogOptions(LogFormat.JSON, true, null, null, false));
        EventLog.emit("vrrp.state_change", stateChange(), "(VI_1) Entering MASTER STATE");
        VRRP.info("(VI_1) Changing effective priority from 150 to 90");
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertTrue(event.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), event.toString());
        assertEquals("INFO", event.get("level").asText());
        assertEquals(EventLog.LOGGER, event.get("logger").asText());
        assertEquals("vrrp.state_change", event.get("event").asText());
        assertEquals("VI_1", event.get("instance").asText());
        assertEquals("MASTER", event.get("to").asText());
        assertEquals(150, event.get("priority").asInt());
        assertTrue(event.get("priority").isNumber());
        assertEquals("10.99.0.1", event.get("master_ip").asText());
        assertEquals("(VI_1) Entering MASTER STATE", event.get("message").asText());
        assertFalse(event.has("thread_name") || event.has("@version") || event.has("level_value"), event.toString());
        JsonNode plain = new ObjectMapper().readTree(lines.get(1));
        assertEquals("dev.vigil.vrrp.Instance", plain.get("logger").asText());
        assertFalse(plain.has("event"));
    }

    @Test
    void textConsoleLinesLookLikeKeepalivedDashL() {
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(false));
        EventLog.emit("vrrp.state_change", stateChange(), "(VI_1) Entering MASTER STATE");
        String line = lines().get(0);
        assertTrue(line.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: "
                + "\\(VI_1\\) Entering MASTER STATE"), line);
    }

    @Test
    void eventWithoutTextShowsItsFields() {
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true));
        EventLog.emit("vrrp.advert_rejected", Map.of("reason", "auth_mismatch"));
        assertEquals(List.of("<6>vrrp.advert_rejected reason=auth_mismatch"), lines());
    }

    @Test
    void journaldLinesHaveLevelPrefixesAndNoTimestamp() {
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true));
        VRRP.info("(VI_1) Entering MASTER STATE");
        VRRP.warn("(VI_1) received an invalid passwd!");
        VRRP.error("boom");
        assertEquals(List.of("<6>(VI_1) Entering MASTER STATE", "<4>(VI_1) received an invalid passwd!", "<3>boom"),
                lines());
    }

    @Test
    void detailEnablesDebugLines() {
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true));
        VRRP.debug("(VI_1) setting VIPs.");
        assertTrue(lines().isEmpty());
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, true).withJournald(true));
        VRRP.debug("(VI_1) setting VIPs.");
        assertEquals(List.of("<7>(VI_1) setting VIPs."), lines());
    }

    @Test
    void secretsAreNeverLogged() throws Exception {
        SecretMasker.register("s3cretPW");
        LogSetup.configure(new LogOptions(LogFormat.JSON, true, null, null, false));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("instance", "VI_1");
        fields.put("auth_pass", "k33pAl1v"); // distinctive: "1111" can occur inside a timestamp
        fields.put("smtp_password", "s3cretPW");
        fields.put("detail", "login with s3cretPW failed");
        EventLog.emit("config.reloaded", fields);
        VRRP.info("SMTP password is {}", "s3cretPW");
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true));
        VRRP.info("SMTP password is {}", "s3cretPW");
        EventLog.emit("config.reloaded", fields);
        String all = err.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains("s3cretPW"), all);
        assertFalse(all.contains("k33pAl1v"), all);
        JsonNode event = new ObjectMapper().readTree(lines().get(0));
        assertEquals("****", event.get("auth_pass").asText());
        assertEquals("****", event.get("smtp_password").asText());
        assertEquals("login with **** failed", event.get("detail").asText());
        assertTrue(all.contains("<6>SMTP password is ****"), all);
    }

    @Test
    void stackTracesAreMaskedToo() {
        SecretMasker.register("hunter2");
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true));
        VRRP.error("SMTP login failed", new IllegalStateException("bad password hunter2"));
        String all = err.toString(StandardCharsets.UTF_8);
        assertTrue(all.startsWith("<3>SMTP login failed"), all);
        assertTrue(all.contains("IllegalStateException: bad password ****"), all);
        assertFalse(all.contains("hunter2"));
    }

    @Test
    void jsonMaskingAlsoCoversFieldsLoggedOutsideEventLog() throws Exception {
        LogSetup.configure(new LogOptions(LogFormat.JSON, true, null, null, false));
        VRRP.info(net.logstash.logback.marker.Markers.append("auth_pass", "abcd1234"), "config");
        JsonNode line = new ObjectMapper().readTree(lines().get(0));
        assertEquals("****", line.get("auth_pass").asText());
    }

    @Test
    void fileDestination(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vigil.log");
        LogSetup.configure(new LogOptions(LogFormat.TEXT, false, file, null, false));
        VRRP.info("(VI_1) Entering BACKUP STATE (init)");
        String text = Files.readString(file);
        assertTrue(text.matches("(?s)[A-Z][a-z]{2} .* \\d{4}: \\(VI_1\\) Entering BACKUP STATE \\(init\\)\\R"), text);
        assertTrue(lines().isEmpty(), "console off");
    }

    @Test
    void asyncLoggingDeliversEveryLineAndFlushesOnShutdown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("async.log");
        LogSetup.configure(new LogOptions(LogFormat.TEXT, false, file, null, false).withAsync(true));
        for (int i = 0; i < 100; i++) {
            VRRP.info("(VI_1) line {}", i);
        }
        LogSetup.shutdown();
        List<String> lines = Files.readAllLines(file);
        assertEquals(100, lines.size());
        assertTrue(lines.get(99).endsWith(": (VI_1) line 99"), lines.get(99));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a hang guard, not a speed assertion
    void aStalledStderrNeverBlocksTheCallerWhenAsync() throws Exception {
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        System.setErr(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.incrementAndGet();
                try {
                    stalled.await(); // journald/the pipe reader is stuck
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, true));
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false).withJournald(true)
                .withAsync(true));
        for (int i = 0; i < 50_000; i++) {
            VRRP.info("(VI_1) line {}", i); // far beyond the 8192-line buffer
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> writes.get() >= 1);
        assertEquals(1, writes.get(), "the background writer is stuck on its first line; the caller went on");
        stalled.countDown();
    }

    @Test
    void anUnusableLogFileIsAClearError(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSetup.configure(
                new LogOptions(LogFormat.TEXT, false, notADirectory.resolve("vigil.log"), null, false)));
        assertEquals("Unable to open log file " + notADirectory.resolve("vigil.log"), e.getMessage());
    }

    @Test
    void jsonFileDestination(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vigil.json");
        LogSetup.configure(new LogOptions(LogFormat.JSON, false, file, null, false));
        EventLog.emit("ipvs.applied", Map.of("added", 2, "removed", 0, "updated", 1));
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(file).get(0));
        assertEquals("ipvs.applied", line.get("event").asText());
        assertEquals(2, line.get("added").asInt());
    }

    @Test
    void syslogGoesToTheLocalSocketWithFacilityTagAndPid(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path)) {
            LogSetup.configure(new LogOptions(LogFormat.TEXT, false, null, "daemon", false)
                    .withSyslog("Keepalived_vrrp", path));
            VRRP.info("(VI_1) Entering MASTER STATE");
            String datagram = receive(receiver);
            long pid = ProcessHandle.current().pid();
            assertTrue(datagram.matches("<30>[A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d Keepalived_vrrp\\["
                    + pid + "\\]: \\(VI_1\\) Entering MASTER STATE"), datagram);

            LogSetup.configure(new LogOptions(LogFormat.TEXT, false, null, "3", false)
                    .withSyslog("Keepalived_vrrp", path).withAsync(true));
            VRRP.warn("(VI_1) warn");
            assertTrue(receive(receiver).startsWith("<156>"), "local3 (19*8) + warning (4)");
        }
    }

    @Test
    void noSyslogDaemonIsOneClearStderrLineAndLoggingGoesOn(@TempDir Path dir) {
        Path path = dir.resolve("absent");
        LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, "daemon", false).withJournald(true)
                .withSyslog("Vigil", path));
        VRRP.info("(VI_1) Entering MASTER STATE");
        VRRP.info("(VI_1) still logging");
        assertEquals(List.of("<6>(VI_1) Entering MASTER STATE", "Vigil: cannot log to syslog at " + path
                + " (ENOENT): dropping syslog lines until it accepts them again", "<6>(VI_1) still logging"), lines());
    }

    private static String receive(UnixDatagramSocket socket) throws Exception {
        byte[] got = socket.receive(java.time.Duration.ofSeconds(10));
        assertTrue(got != null, "no datagram arrived");
        return new String(got, StandardCharsets.UTF_8);
    }

    @Test
    void facilityValues() {
        assertEquals("LOCAL0", LogSetup.syslogFacility("0"));
        assertEquals("LOCAL7", LogSetup.syslogFacility("local7"));
        assertEquals("DAEMON", LogSetup.syslogFacility("daemon"));
        assertEquals("USER", LogSetup.syslogFacility("USER"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSetup.syslogFacility("8"));
        assertTrue(e.getMessage().startsWith("Invalid log facility '8'"));
    }
}
