package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
    @TempDir
    Path dir;
    Path conf;
    final LoadResult running = Cli.resultWith();
    final CurrentConfig current = new CurrentConfig(running);
    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void file() throws IOException {
        conf = Files.writeString(dir.resolve("keepalived.conf"), "! x\n");
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
    }

    @Test
    void configThatCannotRunIsRefused() {
        reload(Cli.resultWith(Severity.ERROR, Severity.FATAL), List.of((p, c) -> calls.add("called"))).run();
        assertSame(running, current.result());
        assertTrue(calls.isEmpty());
    }

    @Test
    void deletedConfigFileIsRefused() throws IOException {
        Files.delete(conf);
        reload(Cli.resultWith(), List.of((p, c) -> calls.add("called"))).run();
        assertSame(running, current.result());
        assertTrue(calls.isEmpty());
    }
}
