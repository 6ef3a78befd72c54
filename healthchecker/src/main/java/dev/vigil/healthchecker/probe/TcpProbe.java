package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/** TCP_CHECK: up if a connection is established within connect_timeout; the connection is closed at once. */
public final class TcpProbe implements Probe {

    private final Transport transport;
    private final ProbeTarget target;

    public TcpProbe(Transport transport, ProbeTarget target) {
        this.transport = transport;
        this.target = target;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Bootstrap b = transport.tcp(loop, target.connectTimeout()).handler(new ChannelInboundHandlerAdapter());
        ChannelFuture cf = target.local() != null ? b.connect(target.remote(), target.local()) : b.connect(target.remote());
        cf.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().close();
                result.complete(CheckResult.up("connected"));
            } else {
                f.channel().close();
                result.complete(CheckResult.down(Transport.describe(f.cause())));
            }
        });
        return result;
    }
}
