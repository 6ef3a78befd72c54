package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * PING_CHECK: ICMP echo through {@link InetAddress#isReachable(int)} (raw ICMP when running as root, the only way
 * the JDK sends ICMP). That call blocks, so it runs on a small shared executor, never on the event loop.
 */
public final class PingProbe implements Probe {

    private final ProbeTarget target;
    private final Executor blocking;

    public PingProbe(ProbeTarget target, Executor blocking) {
        this.target = target;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        InetAddress address = target.remote().getAddress();
        int timeoutMs = (int) Math.max(1, target.connectTimeout().toMillis());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return address.isReachable(timeoutMs) ? CheckResult.up("echo reply")
                        : CheckResult.down("ICMP connection to address timeout");
            } catch (IOException e) {
                return CheckResult.down(Transport.describe(e));
            }
        }, blocking);
    }
}
