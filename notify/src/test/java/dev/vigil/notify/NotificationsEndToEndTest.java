package dev.vigil.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.fifo.FifoReader;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import dev.vigil.notify.mail.SmtpSecurity;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover's notifications with every real part wired as the daemon will: scripts, FIFO, queue, SMTP. Startup
 * BACKUP, takeover, shutdown: the stopping mail is delivered before "exit" (keepalived loses it).
 */
class NotificationsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void startupTakeoverAndShutdown() throws Exception {
        ServerSetup smtp = ServerSetupTest.SMTP.dynamicPort().createCopy();
        smtp.setServerStartupTimeout(30_000);
        GreenMail mail = new GreenMail(smtp);
        mail.start();
        ExecutorAlertScheduler scheduler = new ExecutorAlertScheduler();
        Path fifoPath = dir.resolve("vrrp.fifo");
        Path args = dir.resolve("args");
        Path generic = dir.resolve("notify.sh");
        Files.writeString(generic, "#!/bin/sh\necho \"$*\" >> " + args + "\n");
        generic.toFile().setExecutable(true);
        try (NotifyFifos fifos = NotifyFifos.open(null, new NotifyFifos.FifoSpec(fifoPath, null), null, false,
                new ScriptRunner());
             FifoReader fifoReader = new FifoReader(fifoPath)) {

            EmailSettings email = new EmailSettings("127.0.0.1", mail.getSmtp().getPort(), Duration.ofSeconds(5),
                    "lb1", "ka1@example.com", List.of("ops@example.com"), "LB1", SmtpSecurity.NONE, null, null,
                    null);
            AlertQueue queue = new AlertQueue(new SmtpMailer(email), AlertQueueSettings.defaults(), scheduler);
            NotifyDispatcher dispatcher = new NotifyDispatcher(new ScriptRunner(), fifos, queue,
                    AlertPolicy.defaults(), "LB1", Clock.systemUTC());
            VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, null, null, null, null,
                    ScriptCommand.parse(generic.toString()), null);

            dispatcher.instanceState("VI_1", NotifyState.BACKUP, 100, scripts, true, false);
            dispatcher.instanceState("VI_1", NotifyState.MASTER, 100, scripts, true, false);
            dispatcher.instanceState("VI_1", NotifyState.STOP, 100, scripts, true, false).get(10, TimeUnit.SECONDS);
            assertTrue(queue.drainBeforeExit(Duration.ofSeconds(20)), "every mail delivered before exit");

            List<String> subjects = new ArrayList<>();
            for (MimeMessage m : mail.getReceivedMessages()) {
                subjects.add(m.getSubject());
            }
            assertEquals(List.of("[LB1] VRRP Instance VI_1 - Entering BACKUP state",
                    "[LB1] VRRP Instance VI_1 - Entering MASTER state", "[LB1] VRRP Instance VI_1 - Stopping"),
                    subjects);
            String expectedFifo = "INSTANCE \"VI_1\" BACKUP 100\nINSTANCE \"VI_1\" MASTER 100\n"
                    + "INSTANCE \"VI_1\" STOP 100\n";
            await().atMost(Duration.ofSeconds(10)).until(() -> fifoReader.text().equals(expectedFifo));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(args)
                    && Files.readAllLines(args).size() == 3);
            assertTrue(Files.readAllLines(args).containsAll(List.of("INSTANCE VI_1 BACKUP 100",
                    "INSTANCE VI_1 MASTER 100", "INSTANCE VI_1 STOP 100")));
        } finally {
            scheduler.close();
            mail.stop();
        }
    }
}
