package dev.vigil.healthchecker.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends one datagram on a connected UDP socket and feeds replies to a judge until it returns a verdict, an ICMP
 * error arrives, or connect_timeout passes. Shared by DNS_CHECK and UDP_CHECK.
 */
final class DatagramExchange {

    /** What the judge says about a reply: {@code null} to keep waiting. */
    interface Judge<T> extends Function<byte[], T> {
    }

    private DatagramExchange() {
    }

    /**
     * @param onTimeout result when nothing decisive arrived in time
     * @param onError   result for a socket error (e.g. port unreachable), given its description
     */
    static <T> CompletableFuture<T> exchange(Transport transport, EventLoop loop, ProbeTarget target, byte[] payload,
                                             Judge<T> judge, T onTimeout, Function<String, T> onError) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Bootstrap b = transport.udp(loop).handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                T verdict = judge.apply(ByteBufUtil.getBytes(msg.content()));
                if (verdict != null) {
                    finish(ctx.channel(), result, verdict);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                finish(ctx.channel(), result, onError.apply(Transport.describe(cause)));
            }
        });
        ChannelFuture cf = target.local() != null ? b.connect(target.remote(), target.local()) : b.connect(target.remote());
        cf.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                finish(f.channel(), result, onError.apply(Transport.describe(f.cause())));
                return;
            }
            Channel ch = f.channel();
            ScheduledFuture<?> timer = loop.schedule(() -> finish(ch, result, onTimeout),
                    target.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timer.cancel(false));
            ch.writeAndFlush(Unpooled.wrappedBuffer(payload)).addListener(w -> {
                if (!w.isSuccess()) {
                    finish(ch, result, onError.apply(Transport.describe(w.cause())));
                }
            });
        });
        return result;
    }

    private static <T> void finish(Channel ch, CompletableFuture<T> result, T value) {
        if (result.complete(value)) {
            ch.close();
        }
    }
}
