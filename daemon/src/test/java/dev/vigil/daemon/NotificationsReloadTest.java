package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.VrrpNotifyScripts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP switches alert mail on, to another server (with a new router_id) and off, as keepalived re-reads it. */
class NotificationsReloadTest {
    @TempDir
    Path dir;
    private final GreenMail first = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final GreenMail second = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @AfterEach
    void stop() {
        first.stop();
        second.stop();
    }

    private LoadResult load(String globalDefs) throws Exception {
        LoadResult r = ConfigLoader.load(Files.writeString(dir.resolve("k.conf"), "global_defs {\n" + globalDefs
                + "}\n"), LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r;
    }

    private static String mailTo(GreenMail server, String routerId) {
        return """
                router_id %s
                notification_email {
                  ops@example.com
                }
                notification_email_from vigil@example.com
                smtp_server 127.0.0.1 %d
                smtp_connect_timeout 5
                """.formatted(routerId, server.getSmtp().getPort());
    }

    private static void transition(NotifyDispatcher d, NotifyState state) {
        d.instanceState("VI_1", state, 100, VrrpNotifyScripts.none(), true, false);
    }

    private static List<String> subjects(GreenMail server) throws MessagingException {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            out.add(m.getSubject());
        }
        return out;
    }

    @Test
    void reloadSwitchesMailOnMovesItAndSwitchesItOff() throws Exception {
        first.start();
        second.start();
        LoadResult none = load("  router_id R0\n");
        CurrentConfig current = new CurrentConfig(none);
        Notifications n = new Notifications(current);
        try {
            NotifyDispatcher d = n.dispatcher();
            transition(d, NotifyState.BACKUP); // no mail configured: dropped

            LoadResult toFirst = load(mailTo(first, "R1"));
            n.configReloaded(none, toFirst);
            transition(d, NotifyState.MASTER);
            await().atMost(Duration.ofSeconds(20)).until(() -> first.getReceivedMessages().length == 1);
            assertEquals(List.of("[R1] VRRP Instance VI_1 - Entering MASTER state"), subjects(first));

            LoadResult toSecond = load(mailTo(second, "R2"));
            n.configReloaded(toFirst, toSecond);
            transition(d, NotifyState.BACKUP);
            await().atMost(Duration.ofSeconds(20)).until(() -> second.getReceivedMessages().length == 1);
            assertEquals(List.of("[R2] VRRP Instance VI_1 - Entering BACKUP state"), subjects(second));

            n.configReloaded(toSecond, none);
            transition(d, NotifyState.MASTER);
        } finally {
            n.close(); // drains what is queued: nothing, mail was switched off
        }
        assertEquals(1, first.getReceivedMessages().length);
        assertEquals(1, second.getReceivedMessages().length, "no mail once smtp_server is gone");
    }
}
