package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import dev.vigil.notify.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigReloadTest {
    @TempDir
    Path dir;
    Path conf;
    final LoadResult running = Cli.resultWith();
    final CurrentConfig current = new CurrentConfig(running);
    final List<String> calls = new ArrayList<>();
    final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void file() throws IOException {
        conf = Files.writeString(dir.resolve("keepalived.conf"), "! x\n");
        events.start();
        ((Logger) LoggerFactory.getLogger(EventLog.LOGGER)).addAppender(events);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger(EventLog.LOGGER)).detachAppender(events);
    }

    /** The config.reloaded event's fields, as its JSON line carries them. */
    private String reloadedEvent() {
        List<String> found = events.list.stream()
                .filter(e -> e.getMarkerList() != null
                        && e.getMarkerList().toString().contains("event=config.reloaded"))
                .map(e -> e.getLevel() + " " + e.getMarkerList() + " " + e.getFormattedMessage()).toList();
        assertEquals(1, found.size(), events.list.toString());
        return found.get(0);
    }

    private ConfigReload reload(LoadResult next, List<ConfigReloadListener> listeners) {
        DaemonOptions options = new Cli().parse("-f", conf.toString());
        return new ConfigReload((f, o) -> next, options, options::loadOptions, current, () -> listeners);
    }

    @Test
    void runnableConfigReplacesTheRunningOneAndReachesEveryListener() {
        LoadResult next = Cli.resultWith(Severity.WARNING);
        ConfigReloadListener failing = (prev, cur) -> {
            calls.add("failing");
            throw new IllegalStateException("boom");
        };
        ConfigReloadListener recording = (prev, cur) -> {
            assertSame(running, prev);
            assertSame(next, cur);
            calls.add("recording");
        };
        reload(next, List.of(failing, recording)).run();
        assertSame(next, current.result());
        assertEquals(List.of("failing", "recording"), calls, "a failing listener does not stop the others");
        String event = reloadedEvent();
        assertTrue(event.startsWith("INFO "), event);
        assertTrue(event.contains("ok=true") && event.contains("diagnostics=1") && event.contains("file=" + conf),
                event);
        assertTrue(event.endsWith(" Reload complete"), "keepalived's text line: " + event);
    }

    @Test
    void configThatCannotRunIsRefused() {
        reload(Cli.resultWith(Severity.ERROR, Severity.FATAL), List.of((p, c) -> calls.add("called"))).run();
        assertSame(running, current.result());
        assertTrue(calls.isEmpty());
        String event = reloadedEvent();
        assertTrue(event.startsWith("WARN ") && event.contains("ok=false") && event.contains("diagnostics=2"), event);
    }

    @Test
    void deletedConfigFileIsRefused() throws IOException {
        Files.delete(conf);
        reload(Cli.resultWith(), List.of((p, c) -> calls.add("called"))).run();
        assertSame(running, current.result());
        assertTrue(calls.isEmpty());
        assertTrue(reloadedEvent().contains("ok=false"));
    }
}
