package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonRunTest {
    private static final PrivilegeCheck GRANTED = Optional::empty;

    @TempDir
    Path dir;
    Path conf;
    Path settings;
    Path pid;
    final SignalRouter router = new SignalRouter();
    final List<CompletableFuture<Integer>> running = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        conf = Files.writeString(dir.resolve("keepalived.conf"), "! empty\n");
        settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.email.queue-capacity = 7\n");
        pid = dir.resolve("run/vigil.pid");
        RecordingReloadListener.RELOADS.clear();
        RecordingReloadListener.CREATED.clear();
    }

    @AfterEach
    void stopLeftovers() {
        running.forEach(f -> {
            if (!f.isDone()) {
                router.deliver(VigilSignal.TERM);
            }
        });
    }

    private DaemonOptions options(String... extra) {
        List<String> args = new ArrayList<>(List.of("-f", conf.toString(), "-p", pid.toString(),
                "--settings", settings.toString()));
        args.addAll(List.of(extra));
        return new Cli().parse(args.toArray(String[]::new));
    }

    private CompletableFuture<Integer> start(ConfigReader reader, DaemonOptions options) {
        DaemonRun run = new DaemonRun(reader, options, SignalSource.NONE, GRANTED, router);
        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(run::run);
        running.add(f);
        return f;
    }

    private static int exit(CompletableFuture<Integer> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void writesPidFilesRunsUntilTermAndRemovesThem() throws Exception {
        Path vrrpPid = dir.resolve("vrrp.pid");
        Path checkersPid = dir.resolve("checkers.pid");
        CompletableFuture<Integer> f = start(new Cli.StubReader(Cli.resultWith()),
                options("-r", vrrpPid.toString(), "-c", checkersPid.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(checkersPid));
        String self = ProcessHandle.current().pid() + "\n";
        assertEquals(self, Files.readString(pid));
        assertEquals(self, Files.readString(vrrpPid));
        assertEquals(self, Files.readString(checkersPid));
        assertFalse(f.isDone(), "stays in the foreground");
        router.deliver(VigilSignal.TERM);
        assertEquals(0, exit(f));
        assertFalse(Files.exists(pid));
        assertFalse(Files.exists(vrrpPid));
        assertFalse(Files.exists(checkersPid));
    }

    @Test
    void vrrpOnlyWritesNoCheckersPidFile() throws Exception {
        Path vrrpPid = dir.resolve("vrrp.pid");
        Path checkersPid = dir.resolve("checkers.pid");
        CompletableFuture<Integer> f = start(new Cli.StubReader(Cli.resultWith()),
                options("-P", "-r", vrrpPid.toString(), "-c", checkersPid.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(vrrpPid));
        assertFalse(Files.exists(checkersPid));
        router.deliver(VigilSignal.INT);
        assertEquals(0, exit(f));
    }

    @Test
    void runBeansAreInjectableAndHupReloadsIntoListeners() throws Exception {
        LoadResult first = Cli.resultWith();
        LoadResult fatal = Cli.resultWith(Severity.FATAL);
        LoadResult third = Cli.resultWith(Severity.WARNING);
        AtomicInteger loads = new AtomicInteger();
        ConfigReader reader = (file, o) -> switch (loads.incrementAndGet()) {
            case 1 -> first;
            case 2 -> fatal;
            default -> third;
        };
        CompletableFuture<Integer> f = start(reader, options());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));

        router.deliver(VigilSignal.HUP); // the new config cannot run: refused, the running one stays
        router.deliver(VigilSignal.HUP); // this one can
        await().atMost(Duration.ofSeconds(30)).until(() -> RecordingReloadListener.RELOADS.size() == 1);
        assertSame(third, RecordingReloadListener.RELOADS.get(0));
        assertEquals(3, loads.get());

        RecordingReloadListener bean = RecordingReloadListener.CREATED.get(0);
        assertEquals(pid, bean.options.pidFile());
        assertEquals(7, bean.settings.email().queueCapacity(), "the --settings file reached the beans");
        assertSame(third, bean.current.result());
        assertSame(router, bean.router);

        router.deliver(VigilSignal.TERM);
        assertEquals(0, exit(f));
    }

    @Test
    void signalHandlersRegisteredBySubsystemsRunOnTheSupervisor() throws Exception {
        AtomicInteger usr1 = new AtomicInteger();
        router.on(VigilSignal.USR1, usr1::incrementAndGet);
        CompletableFuture<Integer> f = start(new Cli.StubReader(Cli.resultWith()), options());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
        router.deliver(VigilSignal.USR1);
        router.deliver(VigilSignal.USR1);
        router.deliver(VigilSignal.TERM);
        assertEquals(0, exit(f));
        assertEquals(2, usr1.get());
    }

    @Test
    void hungSubsystemStopIsCutOffAfterTheShutdownGrace() throws Exception {
        Files.writeString(settings, "vigil.timers.shutdown-grace = 1s\n");
        System.setProperty(HangingOnStopBean.PROPERTY, "true");
        try {
            CompletableFuture<Integer> f = start(new Cli.StubReader(Cli.resultWith()), options());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
            router.deliver(VigilSignal.HUP); // instantiates the listeners, the hanging one included
            await().atMost(Duration.ofSeconds(30)).until(() -> HangingOnStopBean.created);
            router.deliver(VigilSignal.TERM);
            assertEquals(1, exit(f), "an unclean stop is reported");
            assertFalse(Files.exists(pid), "pid file removed even so");
        } finally {
            System.clearProperty(HangingOnStopBean.PROPERTY);
            HangingOnStopBean.RELEASE.countDown();
        }
    }

    @Test
    void missingConfigFileExitsSix() throws Exception {
        Files.delete(conf);
        Cli.StubReader reader = new Cli.StubReader(Cli.resultWith());
        assertEquals(6, exit(start(reader, options())));
        assertTrue(reader.files.isEmpty());
        assertFalse(Files.exists(pid));
    }

    @Test
    void configThatCannotRunExitsTwo() throws Exception {
        assertEquals(2, exit(start(new Cli.StubReader(Cli.resultWith(Severity.WARNING, Severity.FATAL)),
                options())));
        assertFalse(Files.exists(pid));
    }

    @Test
    void configWithErrorsThatWouldRunStarts() throws Exception {
        CompletableFuture<Integer> f = start(new Cli.StubReader(Cli.resultWith(Severity.ERROR)), options());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
        router.deliver(VigilSignal.TERM);
        assertEquals(0, exit(f));
    }

    @Test
    void missingPrivilegesExitFour() throws Exception {
        DaemonRun run = new DaemonRun(new Cli.StubReader(Cli.resultWith()), options(), SignalSource.NONE,
                () -> Optional.of("Vigil needs CAP_NET_RAW"), router);
        assertEquals(4, run.run());
        assertFalse(Files.exists(pid));
    }

    @Test
    void brokenSettingsExitTwo() throws Exception {
        Files.writeString(settings, "vigil { logging.format = xml }\n");
        assertEquals(2, exit(start(new Cli.StubReader(Cli.resultWith()), options())));
    }

    @Test
    void liveProcessInPidFileMeansAlreadyRunning() throws Exception {
        Files.createDirectories(pid.getParent());
        Files.writeString(pid, ProcessHandle.current().parent().orElseThrow().pid() + "\n");
        assertEquals(1, exit(start(new Cli.StubReader(Cli.resultWith()), options())));
        assertTrue(Files.exists(pid), "another daemon's pid file is left alone");
    }
}
