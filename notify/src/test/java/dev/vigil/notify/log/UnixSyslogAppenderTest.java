package dev.vigil.notify.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.linux.socket.UnixDatagramSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The appender against real AF_UNIX datagram sockets bound by the test at a temporary path. */
class UnixSyslogAppenderTest {
    private static final Instant AT = Instant.parse("2026-11-21T04:13:42Z");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("dev.vigil.vrrp.Instance");
    private final ByteArrayOutputStream notices = new ByteArrayOutputStream();
    private UnixSyslogAppender appender;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
    }

    private UnixSyslogAppender appender(Path socket, String facility, LogFormat format) {
        appender = new UnixSyslogAppender();
        appender.setContext(context);
        appender.setName("syslog");
        appender.setSocketPath(socket);
        appender.setFacility(facility);
        appender.setTag("Keepalived_vrrp");
        appender.setPid(4242);
        appender.setZone(ZoneOffset.UTC);
        appender.setNotices(new PrintStream(notices, true, StandardCharsets.UTF_8));
        appender.setEncoder(LogSetup.encoder(context, format, KeepalivedTextLayout.Prefix.NONE));
        appender.start();
        assertTrue(appender.isStarted());
        return appender;
    }

    private LoggingEvent event(Level level, String message, Instant at) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, null, null);
        e.setInstant(at);
        return e;
    }

    private void log(Level level, String message) {
        appender.doAppend(event(level, message, AT));
    }

    private static String receive(UnixDatagramSocket socket) throws Exception {
        byte[] got = socket.receive(Duration.ofSeconds(10));
        assertNotNull(got, "no datagram arrived");
        return new String(got, StandardCharsets.UTF_8);
    }

    private List<String> notices() {
        return notices.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textLinesAreExactlyWhatGlibcSyslogSends() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(path)) {
            appender(path, "daemon", LogFormat.TEXT);
            log(Level.INFO, "(VI_1) Entering MASTER STATE");
            assertEquals("<30>Nov 21 04:13:42 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE", receive(syslog));
            appender.doAppend(event(Level.WARN, "(VI_1) late advert", Instant.parse("2026-11-05T09:03:07Z")));
            assertEquals("<28>Nov  5 09:03:07 Keepalived_vrrp[4242]: (VI_1) late advert", receive(syslog),
                    "day of month space-padded as %e");
            assertEquals(0, appender.dropped());
            assertTrue(notices().isEmpty());
        }
    }

    @Test
    void dashSSelectsLocal0To7AndLevelsMapToSeverities() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(path)) {
            appender(path, "3", LogFormat.TEXT);
            log(Level.WARN, "w");
            assertTrue(receive(syslog).startsWith("<156>Nov 21"), "local3 (19 * 8) + warning (4)");
            appender.stop();
            appender(path, "0", LogFormat.TEXT);
            log(Level.ERROR, "e");
            assertTrue(receive(syslog).startsWith("<131>"), "local0 (16 * 8) + err (3)");
            appender.stop();
            appender(path, "local7", LogFormat.TEXT);
            log(Level.DEBUG, "d");
            assertTrue(receive(syslog).startsWith("<191>"), "local7 (23 * 8) + debug (7)");
        }
    }

    @Test
    void jsonFormatSendsTheJsonObjectAfterTheHeader() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(path)) {
            appender(path, "daemon", LogFormat.JSON);
            log(Level.INFO, "(VI_1) Entering MASTER STATE");
            String line = receive(syslog);
            String prefix = "<30>Nov 21 04:13:42 Keepalived_vrrp[4242]: ";
            assertTrue(line.startsWith(prefix + "{"), line);
            assertFalse(line.endsWith("\n"), "no trailing newline");
            JsonNode json = new ObjectMapper().readTree(line.substring(prefix.length()));
            assertEquals("(VI_1) Entering MASTER STATE", json.get("message").asText());
            assertEquals("INFO", json.get("level").asText());
        }
    }

    @Test
    void secretsAreMaskedInSyslogToo() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(path)) {
            SecretMasker.register("hunter2pass");
            appender(path, "daemon", LogFormat.TEXT);
            log(Level.INFO, "auth_pass hunter2pass");
            assertFalse(receive(syslog).contains("hunter2pass"));
        } finally {
            SecretMasker.clear();
        }
    }

    @Test
    void anAbsentSocketDropsLinesAndSaysSoOnceOnStderr() {
        Path path = dir.resolve("no-syslog-here");
        appender(path, "daemon", LogFormat.TEXT);
        for (int i = 0; i < 100; i++) {
            log(Level.INFO, "line " + i); // no exception reaches the caller
        }
        assertEquals(100, appender.dropped());
        assertEquals(List.of("Vigil: cannot log to syslog at " + path
                + " (ENOENT): dropping syslog lines until it accepts them again"), notices());
    }

    @Test
    @Timeout(60) // turns a blocked logger into a failure instead of a hung build
    void aSyslogThatStoppedReadingNeverBlocksLogging() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket stalled = UnixDatagramSocket.bind(path)) {
            appender(path, "daemon", LogFormat.TEXT);
            for (int i = 0; i < 20_000; i++) {
                log(Level.INFO, "(VI_1) line " + i);
            }
            assertTrue(appender.dropped() > 0, "the reader's queue filled up");
            assertTrue(appender.dropped() < 20_000, "lines went out until it did");
            assertEquals(List.of("Vigil: cannot log to syslog at " + path
                    + " (EAGAIN): dropping syslog lines until it accepts them again"), notices());
            assertEquals("<30>Nov 21 04:13:42 Keepalived_vrrp[4242]: (VI_1) line 0", receive(stalled),
                    "what was queued is intact");
        }
    }

    @Test
    void aRestartedSyslogGetsLinesAgainAndTheLossIsCounted() throws Exception {
        Path path = dir.resolve("log");
        UnixDatagramSocket first = UnixDatagramSocket.bind(path);
        appender(path, "daemon", LogFormat.TEXT);
        log(Level.INFO, "before");
        assertTrue(receive(first).endsWith(": before"));
        first.close();
        log(Level.INFO, "lost while the socket is closed");
        Files.delete(path); // the syslog daemon restarts: its socket goes away, then a new one is bound
        log(Level.INFO, "lost while there is no socket");
        try (UnixDatagramSocket second = UnixDatagramSocket.bind(path)) {
            log(Level.INFO, "after");
            assertTrue(receive(second).endsWith(": after"));
            assertNull(second.receive(Duration.ZERO));
        }
        assertEquals(2, appender.dropped());
        assertEquals(List.of(
                "Vigil: cannot log to syslog at " + path + " (ECONNREFUSED): dropping syslog lines until it accepts"
                        + " them again",
                "Vigil: syslog at " + path + " accepts lines again; 2 line(s) were dropped"), notices());
    }

    @Test
    void withoutAnEncoderItDoesNotStart() {
        UnixSyslogAppender a = new UnixSyslogAppender();
        a.setContext(context);
        a.start();
        assertFalse(a.isStarted());
    }
}
