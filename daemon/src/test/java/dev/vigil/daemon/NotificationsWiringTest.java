package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** global_defs' script user and script security reach the script runner. */
class NotificationsWiringTest {
    @TempDir
    Path dir;

    private GlobalDefs globals(String text) throws Exception {
        LoadResult r = ConfigLoader.load(Files.writeString(dir.resolve("k.conf"), text), LoadOptions.defaults());
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r.config().globalDefs();
    }

    @Test
    void scriptUserAndScriptSecurityReachTheRunner() throws Exception {
        ScriptRunner runner = Notifications.scriptRunner(globals("""
                global_defs {
                  script_user nobody
                  enable_script_security
                }
                """));
        assertEquals("nobody", runner.defaultUser().name());
        assertTrue(runner.scriptSecurity());
        ScriptRunner defaults = Notifications.scriptRunner(globals("global_defs {\n  router_id R\n}\n"));
        assertEquals(PosixUser.defaultScriptUser(), defaults.defaultUser());
        assertFalse(defaults.scriptSecurity());
    }

    @Test
    void mailDrainAtStopFitsInTheShutdownGrace() {
        assertEquals(Duration.ofMillis(1500), Notifications.mailDrain(Duration.ofSeconds(5)),
                "5 s - 2 s - 1 s - 0.5 s");
        assertEquals(Duration.ofSeconds(5), Notifications.mailDrain(Duration.ofSeconds(30)), "capped");
        assertEquals(Duration.ofMillis(500), Notifications.mailDrain(Duration.ofSeconds(1)), "never nothing");
    }

    @Test
    void anUnknownScriptUserIsReportedAndKeepalivedsDefaultUsed() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Notifications.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            ScriptRunner runner = Notifications.scriptRunner(globals("""
                    global_defs {
                      script_user vgl-no-such-user
                    }
                    """));
            assertEquals(PosixUser.defaultScriptUser(), runner.defaultUser());
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(lines.contains("Unable to set default user vgl-no-such-user for script"), lines.toString());
        } finally {
            logger.detachAppender(log);
        }
    }
}
