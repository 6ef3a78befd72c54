package dev.vigil.notify.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.linux.testing.Keepalived;
import dev.vigil.linux.testing.Netns;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.VrrpNotifyScripts;
import dev.vigil.notify.fifo.FifoLines;
import dev.vigil.notify.fifo.FifoReader;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.log.CLocaleTime;
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
    @TempDir
    Path dir;
    private Netns ns;
    private Keepalived keepalived;
    private FifoReader fifoReader;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Keepalived.installed(), "keepalived is installed");
        dir.toFile().setExecutable(true, false); // scripts may run as keepalived_script
        ns = Netns.create("nm");
        ns.veth("vk0", "vk1");
        ns.address("vk0", "10.77.0.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (keepalived != null) {
            keepalived.close();
        }
        if (fifoReader != null) {
            fifoReader.close();
        }
        if (ns != null) {
            ns.close(); // and the SMTP recorder with it
        }
    }

    private static final String GLOBAL_DEFS = """
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
            """;

    private static String instance(String name, int vrid, String extra) {
        return """
                vrrp_instance %s {
                  state BACKUP
                  interface vk0
                  virtual_router_id %d
                  priority 150
                  advert_int 1
                  %s
                  virtual_ipaddress {
                    10.77.0.%d/24
                  }
                }
                """.formatted(name, vrid, extra, vrid);
    }

    @Test
    void instanceMailsFifoLinesAndNotifyArgumentsMatchKeepalived() throws Exception {
        Path kaArgs = dir.resolve("keepalived.args");
        Path notify = script("notify.sh", kaArgs);
        Peer ka = startKeepalived(instance("VI_1", 51, "smtp_alert\n  notify \"" + notify + " generic_1\""));
        assertSameMails(ka.awaitMails(2), (state, at) -> AlertMessage.vrrpInstance("NODE1", "VI_1", state, at));

        String vigilFifo = FifoLines.instance("VI_1", "BACKUP", 150) + FifoLines.instance("VI_1", "MASTER", 150);
        await().atMost(Duration.ofSeconds(10)).until(() -> ka.fifo().length() >= vigilFifo.length());
        assertEquals(vigilFifo, ka.fifo().substring(0, vigilFifo.length()));

        Path vigilArgs = dir.resolve("vigil.args");
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, null, null, null, null,
                ScriptCommand.parse(script("vigil-notify.sh", vigilArgs) + " generic_1"), null);
        dispatcher().instanceState("VI_1", NotifyState.BACKUP, 150, scripts, null, false).get(10, TimeUnit.SECONDS);
        dispatcher().instanceState("VI_1", NotifyState.MASTER, 150, scripts, null, false).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(kaArgs)
                && Files.readAllLines(kaArgs).size() >= 2);
        assertEquals(Files.readAllLines(kaArgs).subList(0, 2), Files.readAllLines(vigilArgs));

        // keepalived -l prefixes console lines with ctime; Vigil's text layout prints the same stamp
        List<String> console = keepalived.logLines().stream()
                .filter(l -> l.matches("\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: .*")).toList();
        assertTrue(console.size() > 5, "keepalived's console lines: " + console.size());
        for (String line : console) {
            String stamp = line.substring(0, 24);
            assertEquals(stamp, CLocaleTime.CTIME.format(CLocaleTime.CTIME.parse(stamp)));
        }
        assertTrue(console.stream().anyMatch(l -> l.endsWith(": (VI_1) Entering MASTER STATE")), console.toString());
    }

    @Test
    void syncGroupMailsFifoLinesAndNotifyArgumentsMatchKeepalived() throws Exception {
        Path kaArgs = dir.resolve("keepalived.args");
        Path notify = script("notify.sh", kaArgs);
        Peer ka = startKeepalived(instance("VI_1", 51, "") + instance("VI_2", 52, "") + """
                vrrp_sync_group G1 {
                  group {
                    VI_1
                    VI_2
                  }
                  smtp_alert
                  notify "%s generic_g"
                }
                """.formatted(notify));
        assertSameMails(ka.awaitMails(2), (state, at) -> AlertMessage.vrrpGroup("NODE1", "G1", state, at));

        await().atMost(Duration.ofSeconds(10)).until(() -> ka.fifo().contains("GROUP \"G1\" MASTER"));
        List<String> groupLines = ka.fifo().lines().filter(l -> l.startsWith("GROUP")).map(l -> l + "\n").toList();
        assertEquals(List.of(FifoLines.group("G1", "BACKUP"), FifoLines.group("G1", "MASTER")),
                groupLines.subList(0, 2));

        Path vigilArgs = dir.resolve("vigil.args");
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, null, null, null, null,
                ScriptCommand.parse(script("vigil-notify.sh", vigilArgs) + " generic_g"), null);
        dispatcher().groupState("G1", NotifyState.BACKUP, scripts, null).get(10, TimeUnit.SECONDS);
        dispatcher().groupState("G1", NotifyState.MASTER, scripts, null).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(kaArgs)
                && Files.readAllLines(kaArgs).stream().filter(l -> l.contains("GROUP")).count() >= 2);
        assertEquals(Files.readAllLines(kaArgs).stream().filter(l -> l.contains("GROUP")).limit(2).toList(),
                Files.readAllLines(vigilArgs));
    }

    @Test
    void anInstanceDeletedAtReloadIsReportedLikeKeepalived() throws Exception {
        Path kaArgs = dir.resolve("keepalived.args");
        Path notify = script("notify.sh", kaArgs);
        String vi1 = instance("VI_1", 51, "smtp_alert");
        Peer ka = startKeepalived(vi1 + instance("VI_2", 52, "smtp_alert\n  notify \"" + notify + " g\""));
        ka.awaitMails(4);
        keepalived.reload(GLOBAL_DEFS.formatted(dir.resolve("ka.fifo")) + vi1);
        Session deleted = ka.awaitMails(5).get(4);

        // Vigil: the same deletion through the dispatcher, mailed by the real sender
        List<String> vigilFifo = new ArrayList<>();
        List<AlertMessage> vigilMail = new ArrayList<>();
        Path vigilArgs = dir.resolve("vigil.args");
        NotifyDispatcher vigil = new NotifyDispatcher(new ScriptRunner()::run, new dev.vigil.notify.fifo.FifoSink() {
            @Override
            public void writeVrrp(String line) {
                vigilFifo.add(line);
            }

            @Override
            public void writeLvs(String line) {
                vigilFifo.add(line);
            }
        }, vigilMail::add, new AlertPolicy(null, null, null, false, false, false), "NODE1", Clock.systemUTC());
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, null, null, null, null,
                ScriptCommand.parse(script("vigil-notify.sh", vigilArgs) + " g"), null);
        vigil.instanceState("VI_2", NotifyState.MASTER, 150, scripts, true, false).get(10, TimeUnit.SECONDS);
        vigil.instanceState("VI_2", NotifyState.DELETED, 150, scripts, true, false).get(10, TimeUnit.SECONDS);

        ZonedDateTime date = ZonedDateTime.parse(deleted.header("Date"), CLocaleTime.RFC822);
        AlertMessage ours = vigilMail.get(1);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            new SmtpMailer(new EmailSettings("127.0.0.1", server.port(), Duration.ofSeconds(5), "lb1.example.com",
                    "ka1@example.com", List.of("ops@example.com", "oncall@example.com"), "NODE1", SmtpSecurity.NONE,
                    null, null, null), date.getZone())
                    .send(new AlertMessage(ours.source(), ours.subject(), ours.body(), date.toInstant()));
            assertEquals(deleted.data, server.data.get(0), "deletion mail");
        }
        // (keepalived reopens its FIFO at reload, so the reader of the old one sees no more lines)
        assertEquals("INSTANCE \"VI_2\" FAULT 150\n", vigilFifo.get(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(kaArgs).size() >= 3);
        assertEquals(Files.readAllLines(kaArgs).get(2), Files.readAllLines(vigilArgs).get(1));
    }

    /** The same dialogue and byte-identical text from Vigil for each of keepalived's mails (BACKUP, MASTER). */
    private static void assertSameMails(List<Session> sessions,
                                        java.util.function.BiFunction<NotifyState, java.time.Instant, AlertMessage>
                                                vigil) throws Exception {
        NotifyState[] states = {NotifyState.BACKUP, NotifyState.MASTER};
        for (int i = 0; i < states.length; i++) {
            Session ka = sessions.get(i);
            ZonedDateTime date = ZonedDateTime.parse(ka.header("Date"), CLocaleTime.RFC822);
            try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
                EmailSettings settings = new EmailSettings("127.0.0.1", server.port(), Duration.ofSeconds(5),
                        "lb1.example.com", "ka1@example.com", List.of("ops@example.com", "oncall@example.com"),
                        "NODE1", SmtpSecurity.NONE, null, null, null);
                new SmtpMailer(settings, date.getZone()).send(vigil.apply(states[i], date.toInstant()));
                assertEquals(ka.commands, server.commands, "SMTP dialogue");
                assertEquals(ka.data, server.data.get(0), "message text");
            }
        }
    }

    private static NotifyDispatcher dispatcher() {
        return new NotifyDispatcher(new ScriptRunner(), NotifyFifos.none(), null, AlertPolicy.defaults(), "NODE1",
                Clock.systemUTC());
    }

    /** What keepalived running in the namespace produced: its SMTP recorder's log and what its notify FIFO said. */
    private record Peer(Path smtpLog, FifoReader fifoReader) {
        String fifo() {
            return fifoReader.text();
        }

        List<Session> awaitMails(int count) throws IOException {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(smtpLog)
                    && Files.readString(smtpLog, StandardCharsets.ISO_8859_1).split("D: \\.\r\n", -1).length
                    > count);
            List<Session> sessions = Session.parse(Files.readString(smtpLog, StandardCharsets.ISO_8859_1));
            assertEquals(count, sessions.size(), sessions.toString());
            return sessions;
        }
    }

    private Peer startKeepalived(String vrrpConfig) throws Exception {
        Path recorder = dir.resolve("smtp_recorder.py");
        try (InputStream in = getClass().getResourceAsStream("/smtp_recorder.py")) {
            Files.write(recorder, in.readAllBytes());
        }
        Path smtpLog = dir.resolve("smtp.log");
        Path fifo = dir.resolve("ka.fifo");
        ns.start(dir.resolve("smtp-recorder.log"), "python3", recorder.toString(), "2525", smtpLog.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> ns.exec("ss", "-ltn").contains("127.0.0.1:2525"));
        keepalived = Keepalived.start(ns, dir.resolve("keepalived"), GLOBAL_DEFS.formatted(fifo) + vrrpConfig,
                "-D", "-P");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(fifo));
        fifoReader = new FifoReader(fifo);
        return new Peer(smtpLog, fifoReader);
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
