package dev.vigil.notify.bench;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.socket.UnixDatagramSocket;
import dev.vigil.notify.log.LogFormat;
import dev.vigil.notify.log.LogOptions;
import dev.vigil.notify.log.LogSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link NotifyBenchmarks} in this JVM and prints the figures (no assertion on speed). Logging goes to a JSON
 * file, as in production. Run:
 * {@code mvn -B -q -o -pl notify -am test -Dtest=NotifyBenchmarkRunner -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest.excludedGroups= -Dtest.groups=slow}; figures in notify/target/surefire-reports/*NotifyBenchmarkRunner-output.txt
 */
@Tag("slow")
class NotifyBenchmarkRunner {
    private static Options options(String include) {
        return new OptionsBuilder().include(include)
                .forks(0).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1)).threads(1).build();
    }

    /** emitEvent with syslog over /dev/log: a reader that keeps up, one that stopped reading, none at all. */
    private static void syslog() throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-syslog");
        String emit = NotifyBenchmarks.class.getName() + ".emitEvent";
        try (UnixDatagramSocket reader = UnixDatagramSocket.bind(dir.resolve("live"));
             UnixDatagramSocket stalled = UnixDatagramSocket.bind(dir.resolve("stalled"))) {
            Thread drain = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        reader.receive(Duration.ofMillis(100));
                    }
                } catch (ErrnoException e) {
                    // closed at the end of the run
                }
            }, "bench-syslog-reader");
            drain.setDaemon(true);
            drain.start();
            for (String socket : new String[] {"live", "stalled", "absent"}) {
                System.out.println("== emitEvent to syslog (text) over an AF_UNIX socket, reader: " + socket);
                LogSetup.configure(new LogOptions(LogFormat.TEXT, false, null, "daemon", false)
                        .withSyslog("Vigil", dir.resolve(socket)));
                new Runner(options(emit)).run();
            }
            drain.interrupt();
        } finally {
            Files.deleteIfExists(dir.resolve("live"));
            Files.deleteIfExists(dir.resolve("stalled"));
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void run() throws Exception {
        Path log = Files.createTempFile("vigil-bench", ".json");
        try {
            LogSetup.configure(new LogOptions(LogFormat.JSON, false, log, null, false));
            new Runner(options(NotifyBenchmarks.class.getName())).run();
            System.out.println("== emitEvent again with asynchronous logging (LogOptions.withAsync(true)):");
            LogSetup.configure(new LogOptions(LogFormat.JSON, false, log, null, false).withAsync(true));
            new Runner(options(NotifyBenchmarks.class.getName() + ".emitEvent")).run();
            syslog();
        } finally {
            Files.deleteIfExists(log);
            LogSetup.configure(new LogOptions(LogFormat.TEXT, true, null, null, false));
        }
    }
}
