package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/** One attempt of a checker. Implementations never block the event loop and always complete. */
public interface Probe {

    /** Starts an attempt whose I/O runs on {@code loop}. */
    CompletableFuture<CheckResult> run(EventLoop loop);
}
