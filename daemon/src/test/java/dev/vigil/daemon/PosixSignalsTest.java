package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real signals raised in this JVM reach the router (only HUP/USR1/USR2: TERM/INT would end the test JVM). */
@SuppressWarnings("try") // `installed` is only closed
class PosixSignalsTest {
    @Test
    void raisedSignalsAreRoutedAndHandlersRestored() throws Exception {
        SignalRouter router = new SignalRouter();
        List<VigilSignal> seen = new CopyOnWriteArrayList<>();
        for (VigilSignal s : List.of(VigilSignal.HUP, VigilSignal.USR1, VigilSignal.USR2)) {
            router.on(s, () -> seen.add(s));
        }
        CompletableFuture<VigilSignal> loop;
        try (SignalSource.Installed installed = SignalSource.POSIX.install(router)) {
            loop = CompletableFuture.supplyAsync(() -> {
                try {
                    return router.runUntilStop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            PosixSignals.raise(VigilSignal.USR1);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 1);
            PosixSignals.raise(VigilSignal.HUP);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
            PosixSignals.raise(VigilSignal.USR2);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3);
        }
        router.deliver(VigilSignal.TERM);
        assertEquals(VigilSignal.TERM, loop.get(20, TimeUnit.SECONDS));
        assertEquals(List.of(VigilSignal.USR1, VigilSignal.HUP, VigilSignal.USR2), seen);
    }
}
