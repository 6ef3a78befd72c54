package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import dev.vigil.linux.systemd.NotifySocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a child process under a stand-in for systemd: {@code NOTIFY_SOCKET} names this test's AF_UNIX
 * datagram socket, and the test asserts the sd_notify sequence across start, SIGHUP and SIGTERM.
 */
@Tag("slow")
class SystemdNotifyProcessTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;
    NativeSocket listener;
    Process process;

    @BeforeEach
    void listen() throws Exception {
        listener = listenOn(dir.resolve("notify").toString());
    }

    private static NativeSocket listenOn(String notifySocket) throws Exception {
        NativeSocket socket = NativeSocket.open(LibC.AF_UNIX, LibC.SOCK_DGRAM, 0, "test notify socket", 4096);
        socket.bind(NotifySocketAddress.parse(notifySocket).sockaddr());
        return socket;
    }

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.destroyForcibly();
        }
        listener.close();
    }

    private String next() throws Exception {
        ByteBuffer b = listener.receive(WAIT_NANOS, null);
        assertNotNull(b, "no notification within 60 s");
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    private Process launch(Path log, String notifySocket, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(DaemonJava.command(List.of(), args)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("NOTIFY_SOCKET", notifySocket);
        return pb.start();
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor());
    }

    private String[] daemonArgs() throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "global_defs {\n    router_id notify_test\n}\n");
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "");
        return new String[] {"--dont-fork", "-l", "-f", conf.toString(), "-p", dir.resolve("vigil.pid").toString(),
            "--settings", settings.toString()};
    }

    @Test
    void readyThenReloadingReadyOnHupThenStoppingOnTerm() throws Exception {
        Path log = dir.resolve("out.log");
        process = launch(log, dir.resolve("notify").toString(), daemonArgs());
        String mainPid = "MAINPID=" + process.pid();

        assertEquals("READY=1\n" + mainPid, next());
        assertTrue(Files.readString(log).contains("Startup complete"), "READY=1 only once started");

        signal("HUP", process.pid());
        String reloading = next();
        assertTrue(reloading.matches("RELOADING=1\nMONOTONIC_USEC=\\d+"), reloading);
        assertEquals("READY=1\n" + mainPid, next());
        assertTrue(Files.readString(log).contains("Reload complete"), "READY=1 after the reload");

        signal("TERM", process.pid());
        assertEquals("STOPPING=1", next());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(log));
        assertNull(listener.receive(0, null), "nothing after STOPPING=1");
    }

    @Test
    void anAbstractNotifySocketWorksToo() throws Exception {
        String name = "@vigil-notify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        listener.close();
        listener = listenOn(name);
        process = launch(dir.resolve("out.log"), name, daemonArgs());
        assertEquals("READY=1\nMAINPID=" + process.pid(), next());
        process.destroy(); // SIGTERM
        assertEquals("STOPPING=1", next());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    void anUnusableNotifySocketIsLoggedAndTheDaemonRunsAnyway() throws Exception {
        Path log = dir.resolve("out.log");
        process = launch(log, "relative/notify", daemonArgs());
        Path pid = dir.resolve("vigil.pid");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pid) || !process.isAlive());
        assertTrue(Files.exists(pid), Files.readString(log));
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(Files.readString(log).contains("Not notifying systemd: unsupported NOTIFY_SOCKET 'relative/notify'"),
                Files.readString(log));
    }
}
