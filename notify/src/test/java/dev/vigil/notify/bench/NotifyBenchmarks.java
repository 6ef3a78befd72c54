package dev.vigil.notify.bench;

import dev.vigil.notify.NotifyState;
import dev.vigil.notify.events.EventLog;
import dev.vigil.notify.fifo.NotifyFifo;
import dev.vigil.notify.mail.AlertDeliveryException;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.MailTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a notification costs the calling (VRRP) thread: queueing an alert while the SMTP server hangs, writing a
 * FIFO line nobody reads, emitting a structured event. Run with {@link NotifyBenchmarkRunner}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NotifyBenchmarks {
    private final CountDownLatch never = new CountDownLatch(1);
    private ExecutorAlertScheduler scheduler;
    private AlertQueue queue;
    private NotifyFifo fifo;
    private Path dir;
    private int n;

    /** Alerts submitted per measured invocation; the queue holds them all, so none is dropped. */
    static final int BURST = 10_000;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("vigil-bench");
        fifo = NotifyFifo.open(dir.resolve("bench.fifo"), "", 1 << 20);
    }

    /** A fresh queue in front of a hung server for each burst. */
    @Setup(Level.Iteration)
    public void newQueue() {
        if (scheduler != null) {
            scheduler.close();
        }
        scheduler = new ExecutorAlertScheduler();
        MailTransport hungServer = new MailTransport() {
            @Override
            public void send(AlertMessage alert) throws AlertDeliveryException {
                try {
                    never.await(); // the SMTP server never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String describe() {
                return "[hung]:25";
            }
        };
        queue = new AlertQueue(hungServer, new AlertQueueSettings(BURST + 1, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Integer.MAX_VALUE, Duration.ofMinutes(1), Duration.ofMinutes(1)), scheduler);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        never.countDown();
        scheduler.close();
        fifo.close();
        Files.deleteIfExists(dir);
    }

    /** AlertQueue.submit while the SMTP server hangs: the caller's cost, per alert, over a burst of 10 000. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(BURST)
    @Measurement(iterations = 20)
    @Warmup(iterations = 5)
    public void submitAlertToHungServer() {
        for (int i = 0; i < BURST; i++) {
            queue.submit(AlertMessage.vrrpInstance("R", "VI_" + (n++ & 1023), NotifyState.MASTER, Instant.EPOCH));
        }
    }

    /** NotifyFifo.write with no reader. */
    @Benchmark
    public boolean writeFifoLine() {
        return fifo.write("INSTANCE \"VI_1\" MASTER 150\n", false);
    }

    /** EventLog.emit of a vrrp.state_change (to whatever logging is configured). */
    @Benchmark
    public void emitEvent() {
        EventLog.emit("vrrp.state_change", Map.of("instance", "VI_1", "from", "BACKUP", "to", "MASTER",
                "priority", 150), "(VI_1) Entering MASTER STATE");
    }
}
