package dev.vigil.notify.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The datagram {@link UnixSyslogAppender} sends is the one glibc's {@code syslog(3)} sends. The reference is glibc
 * itself: Python's {@code syslog} module calls {@code openlog}/{@code syslog} in a private mount namespace whose
 * {@code /dev} is a fresh tmpfs, where the script binds {@code /dev/log} and prints what arrives (needs root).
 */
@Tag("netns")
class GlibcSyslogInteropTest {
    private static final Pattern DATAGRAM = Pattern.compile("(<\\d+>)([A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d)( .*)");

    /** glibc's datagram for ident/LOG_PID/facility/priority/message, and the pid it carries. */
    private static String[] glibc(String ident, String facility, String priority, String message) throws Exception {
        String script = String.join("\n",
                "import socket, syslog, os",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.bind('/dev/log')",
                "syslog.openlog('" + ident + "', syslog.LOG_PID, syslog." + facility + ")",
                "syslog.syslog(syslog." + priority + ", '" + message + "')",
                "print(os.getpid())",
                "print(s.recv(65536).decode())");
        Process p = new ProcessBuilder("unshare", "--mount", "sh", "-c",
                "mount -t tmpfs vgl-syslog /dev && exec python3 -c \"$0\"", script)
                .redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
            List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(0, p.exitValue(), out.toString());
            return new String[] {out.get(0), out.get(1)};
        } finally {
            p.destroyForcibly();
        }
    }

    private static String vigil(String ident, String facility, Level level, String message, long pid)
            throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        UnixSyslogAppender appender = new UnixSyslogAppender();
        appender.setContext(context);
        appender.setFacility(facility);
        appender.setTag(ident);
        appender.setPid(pid);
        appender.setEncoder(LogSetup.encoder(context, LogFormat.TEXT, KeepalivedTextLayout.Prefix.NONE));
        Logger logger = context.getLogger("dev.vigil.vrrp.Instance");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, null, null);
        event.setInstant(Instant.now());
        return new String(appender.datagram(event), StandardCharsets.UTF_8);
    }

    /** Same PRI, same shape of timestamp, same rest; the timestamps themselves differ by the runs' times. */
    private static void assertSameDatagram(String expected, String actual) {
        Matcher e = DATAGRAM.matcher(expected);
        Matcher a = DATAGRAM.matcher(actual);
        assertTrue(e.matches(), "glibc: " + expected);
        assertTrue(a.matches(), "vigil: " + actual);
        assertEquals(e.group(1), a.group(1), "PRI");
        assertEquals(e.group(3), a.group(3), "tag[pid]: message");
    }

    @Test
    void sameDatagramAsGlibcForLocal3Warning() throws Exception {
        String[] ref = glibc("Keepalived_vrrp", "LOG_LOCAL3", "LOG_WARNING", "(VI_1) Entering MASTER STATE");
        assertEquals("<156>", ref[1].substring(0, 5), ref[1]);
        assertSameDatagram(ref[1], vigil("Keepalived_vrrp", "3", Level.WARN, "(VI_1) Entering MASTER STATE",
                Long.parseLong(ref[0])));
    }

    @Test
    void sameDatagramAsGlibcForTheDefaultDaemonFacility() throws Exception {
        String[] ref = glibc("Vigil", "LOG_DAEMON", "LOG_INFO", "Stopped Vigil");
        assertSameDatagram(ref[1], vigil("Vigil", "daemon", Level.INFO, "Stopped Vigil", Long.parseLong(ref[0])));
    }
}
