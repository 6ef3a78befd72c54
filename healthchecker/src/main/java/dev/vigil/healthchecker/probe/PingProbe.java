package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * PING_CHECK: ICMP echo through the shared {@link IcmpPinger} on the event loop. Where that is unavailable (NIO
 * transport, IPv6, no ICMP socket permitted) it falls back to {@link InetAddress#isReachable(int)}, which blocks
 * and therefore runs on a small executor, never on the event loop.
 */
public final class PingProbe implements Probe {

    private final ProbeTarget target;
    private final Supplier<IcmpPinger> pinger;
    private final Executor blocking;

    /** @param pinger supplies the shared pinger, or null when there is none */
    public PingProbe(ProbeTarget target, Supplier<IcmpPinger> pinger, Executor blocking) {
        this.target = target;
        this.pinger = pinger;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        InetAddress address = target.remote().getAddress();
        IcmpPinger icmp = IcmpPinger.supports(address) ? pinger.get() : null;
        if (icmp != null) {
            return icmp.ping(address, target.connectTimeout());
        }
        int timeoutMs = (int) Math.max(1, target.connectTimeout().toMillis());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return address.isReachable(timeoutMs) ? CheckResult.up("echo reply")
                        : CheckResult.down("ICMP connection to address " + address.getHostAddress() + " timeout");
            } catch (IOException e) {
                return CheckResult.down(Transport.describe(e));
            }
        }, blocking);
    }
}
