package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SignalRouterTest {
    @Test
    void handlersRunInArrivalOrderUntilAStopSignal() throws InterruptedException {
        SignalRouter router = new SignalRouter();
        List<String> seen = new CopyOnWriteArrayList<>();
        router.on(VigilSignal.HUP, () -> seen.add("hup"));
        router.on(VigilSignal.USR1, () -> seen.add("usr1"));
        router.on(VigilSignal.USR2, () -> seen.add("usr2"));
        router.on(VigilSignal.TERM, () -> seen.add("term"));
        router.deliver(VigilSignal.USR1);
        router.deliver(VigilSignal.HUP);
        router.deliver(VigilSignal.USR2);
        router.deliver(VigilSignal.TERM);
        router.deliver(VigilSignal.HUP); // after the stop: not handled by this loop
        assertEquals(VigilSignal.TERM, router.runUntilStop());
        assertEquals(List.of("usr1", "hup", "usr2", "term"), seen);
    }

    @Test
    void failingHandlerDoesNotStopTheLoopOrOtherHandlers() throws InterruptedException {
        SignalRouter router = new SignalRouter();
        List<String> seen = new CopyOnWriteArrayList<>();
        router.on(VigilSignal.HUP, () -> {
            throw new IllegalStateException("boom");
        });
        router.on(VigilSignal.HUP, () -> seen.add("second"));
        router.deliver(VigilSignal.HUP);
        router.deliver(VigilSignal.INT);
        assertEquals(VigilSignal.INT, router.runUntilStop());
        assertEquals(List.of("second"), seen);
    }
}
