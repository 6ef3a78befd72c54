package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.vigil.linux.systemd.SdNotify;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notification that cannot be delivered is logged, never thrown into the daemon's start, reload or stop. */
class SystemdNotifierTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentNotifySocketDoesNotStopTheDaemon() throws Exception {
        try (SdNotify sd = SdNotify.open(dir.resolve("nobody-listens").toString())) {
            SystemdNotifier notifier = new SystemdNotifier(sd);
            assertDoesNotThrow(notifier::ready);
            assertDoesNotThrow(notifier::reloading);
            assertDoesNotThrow(notifier::stopping);
        }
    }

    @Test
    void disabledNotifierDoesNothing() {
        SystemdNotifier notifier = new SystemdNotifier(SdNotify.disabled());
        assertDoesNotThrow(notifier::ready);
        assertDoesNotThrow(notifier::stopping);
    }
}
