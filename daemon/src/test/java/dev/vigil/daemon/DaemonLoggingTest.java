package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import dev.vigil.linux.socket.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        DaemonLogging.configureDefault((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    @Test
    void textLinesInKeepalivedsConsoleFormatGoToTheFile() throws IOException {
        Path file = dir.resolve("vigil.log");
        DaemonLogging.configure(new LogConfig(LogFormat.TEXT, false, file, null, false));
        Logger log = LoggerFactory.getLogger("dev.vigil.test");
        log.info("(VI_1) Entering MASTER STATE");
        log.debug("detail only with -D");
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(
                "\\w{3} \\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}: \\(VI_1\\) Entering MASTER STATE"),
                lines.get(0));
    }

    @Test
    void syslogLinesGoToTheLocalSocketTaggedVigilWithThePid() throws Exception {
        Path socket = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(socket)) {
            DaemonLogging.configure(new LogConfig(LogFormat.TEXT, false, null, SyslogFacility.LOCAL1, false), socket);
            LoggerFactory.getLogger("dev.vigil.test").info("(VI_1) Entering MASTER STATE");
            byte[] got = syslog.receive(Duration.ofSeconds(10));
            assertTrue(got != null, "nothing reached the syslog socket");
            String line = new String(got, StandardCharsets.UTF_8);
            assertTrue(line.matches("<142>\\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} Vigil\\["
                    + ProcessHandle.current().pid() + "\\]: \\(VI_1\\) Entering MASTER STATE"), line);
        }
    }

    @Test
    void detailEnablesDebugLinesAndJsonIsOneObjectPerLine() throws IOException {
        Path file = dir.resolve("vigil.json");
        DaemonLogging.configure(new LogConfig(LogFormat.JSON, false, file, null, true));
        LoggerFactory.getLogger("dev.vigil.test").debug("(VI_1) setting VIPs.");
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines.toString());
        com.typesafe.config.Config json = com.typesafe.config.ConfigFactory.parseString(lines.get(0));
        assertEquals("(VI_1) setting VIPs.", json.getString("message"));
        assertEquals("DEBUG", json.getString("level"));
    }
}
