package dev.vigil.notify.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.VrrpNotifyScripts;
import dev.vigil.notify.fifo.FifoLines;
import dev.vigil.notify.fifo.NotifyFifos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real keepalived 2.2.7 in a private network namespace (a veth pair inside it, nothing on the host) mails a
 * recorder, writes its notify FIFO and runs a generic notify script; Vigil must produce the same bytes: SMTP
 * dialogue, message text (Date taken from keepalived's own mail), FIFO lines and script arguments.
 */
@Tag("keepalived")
class KeepalivedInteropTest {
    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path dir;
    private final String ns = "vgln" + ProcessHandle.current().pid() % 1000 + SEQ.incrementAndGet();
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Files.isExecutable(KEEPALIVED), "keepalived is installed");
        dir.toFile().setExecutable(true, false); // scripts may run as keepalived_script
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "link", "add", "vk0", "type", "veth", "peer", "name", "vk1");
        run("ip", "-n", ns, "link", "set", "vk0", "up");
        run("ip", "-n", ns, "link", "set", "vk1", "up");
        run("ip", "-n", ns, "addr", "add", "10.77.0.1/24", "dev", "vk0");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // anything still running in our own namespace (keepalived's children) is ours
        Process pids = new ProcessBuilder("ip", "netns", "pids", ns).start();
        for (String pid : new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        pids.waitFor();
        run("ip", "netns", "del", ns);
    }

    @Test
    void mailsFifoLinesAndNotifyArgumentsMatchKeepalived() throws Exception {
        Path recorder = dir.resolve("smtp_recorder.py");
        try (InputStream in = getClass().getResourceAsStream("/smtp_recorder.py")) {
            Files.write(recorder, in.readAllBytes());
        }
        Path smtpLog = dir.resolve("smtp.log");
        Path fifo = dir.resolve("ka.fifo");
        Path kaArgs = dir.resolve("keepalived.args");
        Path notify = script("notify.sh", kaArgs);
        Files.writeString(dir.resolve("ka.conf"), """
                global_defs {
                  router_id NODE1
                  notification_email {
                    ops@example.com
                    oncall@example.com
                  }
                  notification_email_from ka1@example.com
                  smtp_server 127.0.0.1 2525
                  smtp_connect_timeout 5
                  smtp_helo_name lb1.example.com
                  notify_fifo %s
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface vk0
                  virtual_router_id 51
                  priority 150
                  advert_int 1
                  smtp_alert
                  notify "%s generic_1"
                  virtual_ipaddress {
                    10.77.0.100/24
                  }
                }
                """.formatted(fifo, notify));
        start("ip", "netns", "exec", ns, "python3", recorder.toString(), "2525", smtpLog.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> listening());
        start("ip", "netns", "exec", ns, KEEPALIVED.toString(), "-n", "-l", "-D", "-P", "-f",
                dir.resolve("ka.conf").toString(), "-p", dir.resolve("ka.pid").toString(), "-r",
                dir.resolve("vrrp.pid").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(fifo));
        ByteArrayOutputStream fifoBytes = new ByteArrayOutputStream();
        Thread fifoReader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.transferTo(fifoBytes);
            } catch (IOException e) {
                // keepalived removed it
            }
        });
        fifoReader.setDaemon(true);
        fifoReader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(smtpLog)
                && Files.readString(smtpLog).split("D: \\.\r\n", -1).length == 3);

        // The mails: the same dialogue and byte-identical text for the same event time.
        List<Session> sessions = Session.parse(Files.readString(smtpLog, StandardCharsets.ISO_8859_1));
        assertEquals(2, sessions.size());
        NotifyState[] states = {NotifyState.BACKUP, NotifyState.MASTER};
        for (int i = 0; i < 2; i++) {
            Session ka = sessions.get(i);
            ZonedDateTime date = ZonedDateTime.parse(ka.header("Date"), KeepalivedMailFormat.DATE);
            try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
                EmailSettings settings = new EmailSettings("127.0.0.1", server.port(), Duration.ofSeconds(5),
                        "lb1.example.com", "ka1@example.com", List.of("ops@example.com", "oncall@example.com"),
                        "NODE1", SmtpSecurity.NONE, null, null, null);
                new SmtpMailer(settings, date.getZone()).send(
                        AlertMessage.vrrpInstance("NODE1", "VI_1", states[i], date.toInstant()));
                assertEquals(ka.commands, server.commands, "SMTP dialogue");
                assertEquals(ka.data, server.data.get(0), "message text");
            }
        }

        // FIFO lines and generic notify arguments for the same transitions.
        await().atMost(Duration.ofSeconds(10)).until(() -> fifoBytes.toString(StandardCharsets.UTF_8)
                .contains("MASTER"));
        String kaFifo = fifoBytes.toString(StandardCharsets.UTF_8);
        String vigilFifo = FifoLines.instance("VI_1", "BACKUP", 150) + FifoLines.instance("VI_1", "MASTER", 150);
        assertEquals(vigilFifo, kaFifo.substring(0, Math.min(vigilFifo.length(), kaFifo.length())));

        Path vigilArgs = dir.resolve("vigil.args");
        NotifyDispatcher vigil = new NotifyDispatcher(new ScriptRunner(), NotifyFifos.none(), null,
                AlertPolicy.defaults(), "NODE1", Clock.systemUTC());
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, null, null, null, null,
                ScriptCommand.parse(script("vigil-notify.sh", vigilArgs) + " generic_1"), null);
        vigil.instanceState("VI_1", NotifyState.BACKUP, 150, scripts, null, false).get(10, TimeUnit.SECONDS);
        vigil.instanceState("VI_1", NotifyState.MASTER, 150, scripts, null, false).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(kaArgs)
                && Files.readAllLines(kaArgs).size() >= 2);
        assertEquals(Files.readAllLines(kaArgs).subList(0, 2), Files.readAllLines(vigilArgs));
    }

    private Path script(String name, Path output) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\necho \"$*\" >> " + output + "\n");
        p.toFile().setExecutable(true, false);
        Files.writeString(output, "");
        output.toFile().setWritable(true, false);
        Files.delete(output);
        return p;
    }

    private boolean listening() throws Exception {
        Process ss = new ProcessBuilder("ip", "netns", "exec", ns, "ss", "-ltn").start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        return out.contains("127.0.0.1:2525");
    }

    private void start(String... cmd) throws IOException {
        processes.add(0, new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + processes.size() + ".log").toFile()).start());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    /** One SMTP session from the recorder's log: command lines and the DATA text. */
    private record Session(List<String> commands, String data) {
        static List<Session> parse(String log) {
            List<Session> sessions = new ArrayList<>();
            List<String> commands = new ArrayList<>();
            StringBuilder data = new StringBuilder();
            for (String line : log.split("(?<=\n)")) {
                if (line.startsWith("C: ")) {
                    commands.add(line.substring(3).stripTrailing());
                    if (line.startsWith("C: QUIT")) {
                        sessions.add(new Session(List.copyOf(commands), data.toString()));
                        commands.clear();
                        data.setLength(0);
                    }
                } else if (line.startsWith("D: ") && !line.equals("D: .\r\n")) {
                    data.append(line.substring(3));
                }
            }
            return sessions;
        }

        String header(String name) {
            return data.lines().filter(l -> l.startsWith(name + ": ")).findFirst().orElseThrow()
                    .substring(name.length() + 2);
        }
    }
}
