package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.VrrpNotifyScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checker generation's dispatcher goes quiet once its generation is cut off. */
class NotificationsTest {
    @TempDir
    Path dir;

    @Test
    void aClosedGenerationNotifiesNobody() throws Exception {
        Path conf = Files.writeString(dir.resolve("k.conf"), "global_defs {\n  router_id R1\n}\n");
        Notifications notifications = new Notifications(new CurrentConfig(ConfigLoader.load(conf,
                LoadOptions.defaults())));
        try {
            AtomicBoolean open = new AtomicBoolean(false);
            NotifyDispatcher gated = notifications.dispatcher(open::get);
            Path closedMark = dir.resolve("closed");
            gated.instanceState("VI_1", NotifyState.MASTER, 100, master("/usr/bin/touch " + closedMark), null, false)
                    .get(5, TimeUnit.SECONDS);
            assertFalse(Files.exists(closedMark), "nothing ran while closed");

            open.set(true);
            Path openMark = dir.resolve("open");
            gated.instanceState("VI_1", NotifyState.MASTER, 100, master("/usr/bin/touch " + openMark), null, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(openMark));
        } finally {
            notifications.close();
        }
    }

    private static VrrpNotifyScripts master(String command) {
        VrrpNotifyScripts none = VrrpNotifyScripts.none();
        return new VrrpNotifyScripts(ScriptCommand.parse(command, null, null), none.backup(), none.fault(),
                none.stop(), none.deleted(), none.generic(), none.masterRxLowerPri());
    }
}
