package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.socket.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil -S 1}, a real daemon process, logs to {@code /dev/log} as glibc's syslog(3) would. The process runs in
 * a private mount namespace whose {@code /dev} is a tmpfs holding the usual devices plus, at {@code /dev/log}, a
 * socket the test bound (root; the host's {@code /dev} is not touched).
 */
@Tag("netns")
class DevLogProcessTest {
    @TempDir
    Path dir;

    @Test
    void dashSSendsTheDaemonsLinesToDevLog() throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "global_defs {\n  router_id R1\n}\n");
        Path settings = Files.writeString(dir.resolve("vigil.conf"),
                "vigil.status.socket = \"" + dir.resolve("vigil.sock") + "\"\n");
        String privateDev = String.join("; ", "set -e",
                "mkdir \"$D/olddev\"", "mount --bind /dev \"$D/olddev\"", "mount -t tmpfs vgl-dev /dev",
                "for d in null zero full random urandom tty; do touch /dev/$d; mount --bind \"$D/olddev/$d\" /dev/$d;"
                        + " done",
                "touch /dev/log", "mount --bind \"$D/log\" /dev/log", "exec \"$@\"");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", privateDev, "sh"));
        cmd.addAll(DaemonJava.command(List.of(), "-S", "1", "-f", conf.toString(), "-p",
                dir.resolve("vigil.pid").toString(), "--settings", settings.toString()));
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(dir.resolve("log"))) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile());
            pb.environment().put("D", dir.toString());
            pb.environment().remove("JOURNAL_STREAM");
            Process vigil = pb.start();
            try {
                byte[] first = syslog.receive(Duration.ofSeconds(60));
                assertNotNull(first, "nothing reached /dev/log: " + Files.readString(dir.resolve("out.log")));
                String line = new String(first, StandardCharsets.UTF_8);
                // local1 (17) * 8 + info (6); the pid is the JVM's (unshare and sh exec it)
                assertTrue(line.matches("<142>[A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d Vigil\\[" + vigil.pid()
                        + "\\]: Starting Vigil v.*"), line);
                String out = Files.readString(dir.resolve("out.log"));
                assertTrue(!out.contains("Starting Vigil"), "-S replaces the console: " + out);
                // signals are handled once the pid file is written
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("vigil.pid")));
            } finally {
                vigil.destroy();
                assertTrue(vigil.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(0, vigil.exitValue(), Files.readString(dir.resolve("out.log")));
        }
    }
}
