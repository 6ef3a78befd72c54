package dev.vigil.notify.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.notify.LogCapture;
import dev.vigil.notify.NotifyState;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue against real SMTP servers: down, slow, overflowing, and draining at exit. */
class AlertQueueSmtpTest {
    private final ExecutorAlertScheduler scheduler = new ExecutorAlertScheduler();
    private final LogCapture log = new LogCapture(AlertQueue.class);

    @AfterEach
    void close() {
        scheduler.close();
        log.close();
    }

    private static EmailSettings settings(int port) {
        return new EmailSettings("127.0.0.1", port, Duration.ofSeconds(5), "lb1", "ka1@example.com",
                List.of("ops@example.com"), "NODE1", SmtpSecurity.NONE, null, null, null);
    }

    private static AlertQueueSettings fastRetries(int capacity) {
        return new AlertQueueSettings(capacity, Duration.ofMillis(50), Duration.ofMillis(200), 3,
                Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    private static AlertMessage alert(String instance, NotifyState state) {
        return AlertMessage.vrrpInstance("NODE1", instance, state, Instant.now());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void serverDownAtFirstThenStartedLaterGetsEveryAlert() throws Exception {
        int port = freePort();
        AlertQueue queue = new AlertQueue(new SmtpMailer(settings(port)), fastRetries(100), scheduler);
        queue.submit(alert("VI_1", NotifyState.BACKUP));
        queue.submit(alert("VI_1", NotifyState.MASTER));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.messages().stream()
                .anyMatch(m -> m.startsWith("SMTP connection ERROR to [127.0.0.1]:" + port + ".")));
        GreenMail mail = GreenMailServers.start(ServerSetupTest.SMTP.port(port));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 2);
            List<String> subjects = Arrays.stream(mail.getReceivedMessages()).map(m -> {
                try {
                    return m.getSubject();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(List.of("[NODE1] VRRP Instance VI_1 - Entering BACKUP state",
                    "[NODE1] VRRP Instance VI_1 - Entering MASTER state"), subjects);
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.pending() == 0);
        } finally {
            mail.stop();
        }
    }

    @Test
    void slowServerNeverBlocksTheCaller() throws Exception {
        try (ScriptedSmtpServer slow = new ScriptedSmtpServer(true)) {
            AlertQueue queue = new AlertQueue(new SmtpMailer(settings(slow.port())), fastRetries(100), scheduler);
            for (int i = 1; i <= 5; i++) {
                queue.submit(alert("VI_" + i, NotifyState.MASTER)); // returns while the server holds its greeting
            }
            assertEquals(0, queue.delivered(), "submit returned although the server has not even greeted");
            assertEquals(5, queue.pending());
            slow.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.delivered() == 5);
            assertEquals(5, slow.data.size());
        }
    }

    @Test
    void overflowWhileTheServerIsDownIsLogged() throws Exception {
        AlertQueue queue = new AlertQueue(new SmtpMailer(settings(freePort())), fastRetries(2), scheduler);
        for (int i = 1; i <= 4; i++) {
            queue.submit(alert("VI_" + i, NotifyState.FAULT));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.dropped() == 2);
        assertTrue(log.messages().stream().anyMatch(m -> m.equals(
                "Alert queue full (2 alerts): dropped alert '[NODE1] VRRP Instance VI_1 - Entering FAULT state'")
                || m.equals(
                "Alert queue full (2 alerts): dropped alert '[NODE1] VRRP Instance VI_2 - Entering FAULT state'")),
                log.messages().toString());
    }

    @Test
    void drainBeforeExitDeliversTheStoppingMail() throws Exception {
        GreenMail mail = GreenMailServers.start(ServerSetupTest.SMTP.dynamicPort());
        try {
            AlertQueue queue = new AlertQueue(new SmtpMailer(settings(mail.getSmtp().getPort()), ZoneId.of("UTC")),
                    AlertQueueSettings.defaults(), scheduler);
            queue.submit(alert("VI_1", NotifyState.STOP));
            assertTrue(queue.drainBeforeExit(Duration.ofSeconds(10)));
            assertEquals("[NODE1] VRRP Instance VI_1 - Stopping", mail.getReceivedMessages()[0].getSubject());
        } finally {
            mail.stop();
        }
    }

    @Test
    void drainBeforeExitGivesUpAtTheDeadlineAndLogsWhatIsLost() throws Exception {
        AlertQueue queue = new AlertQueue(new SmtpMailer(settings(freePort())), fastRetries(10), scheduler);
        queue.submit(alert("VI_1", NotifyState.STOP));
        assertFalse(queue.drainBeforeExit(Duration.ofMillis(300)));
        assertTrue(log.messages().stream().anyMatch(m -> m.startsWith(
                "Alert not delivered before exit: '[NODE1] VRRP Instance VI_1 - Stopping'")), log.messages().toString());
    }
}
