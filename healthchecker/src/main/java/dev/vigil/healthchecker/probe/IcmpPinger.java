package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ICMP echo for PING_CHECK on the event loop: one ICMP socket (raw as root, else a ping datagram socket) wrapped
 * in Netty's epoll datagram channel and shared by every check; replies are matched by sequence number and sender.
 * IPv4 only; needs the epoll transport.
 */
public final class IcmpPinger implements AutoCloseable {

    private final EventLoop loop;
    private final Channel channel;
    private final boolean raw;
    private final int id = (int) (ProcessHandle.current().pid() & 0xffff);
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextSeq;

    private record Pending(InetAddress address, CompletableFuture<CheckResult> result, ScheduledFuture<?> timer) {
    }

    private IcmpPinger(EventLoop loop, IcmpSockets.Opened socket) {
        this.loop = loop;
        this.raw = socket.raw();
        this.channel = new EpollDatagramChannel(socket.fd());
        channel.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                onDatagram(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // a stray ICMP error on the shared socket concerns no check in particular: the timeout decides
            }
        });
        // No sync: this may run on the loop itself; the loop registers the channel before any queued send.
        loop.register(channel);
    }

    /** Opens the shared pinger, or returns null when the transport is not epoll or no ICMP socket is allowed. */
    public static IcmpPinger open(Transport transport, EventLoop loop) {
        if (!transport.isEpoll()) {
            return null;
        }
        IcmpSockets.Opened socket;
        try {
            socket = IcmpSockets.open();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
        return socket == null ? null : new IcmpPinger(loop, socket);
    }

    public static boolean supports(InetAddress address) {
        return address instanceof Inet4Address;
    }

    /** Sends one echo request; up on the matching reply, down after {@code timeout}. */
    public CompletableFuture<CheckResult> ping(InetAddress address, Duration timeout) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        loop.execute(() -> send(address, timeout, result));
        return result;
    }

    private void send(InetAddress address, Duration timeout, CompletableFuture<CheckResult> result) {
        int seq = nextSequence();
        ScheduledFuture<?> timer = loop.schedule(() -> {
            pending.remove(seq);
            result.complete(CheckResult.down("ICMP connection to address " + address.getHostAddress() + " timeout"));
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(seq, new Pending(address, result, timer));
        channel.writeAndFlush(new DatagramPacket(IcmpEcho.request(id, seq), new InetSocketAddress(address, 0)))
                .addListener(f -> {
                    if (!f.isSuccess() && pending.remove(seq) != null) {
                        timer.cancel(false);
                        result.complete(CheckResult.down("send ICMP packet fail: " + Transport.describe(f.cause())));
                    }
                });
    }

    private int nextSequence() {
        do {
            nextSeq = (nextSeq + 1) & 0xffff;
        } while (pending.containsKey(nextSeq));
        return nextSeq;
    }

    private void onDatagram(DatagramPacket packet) {
        long key = IcmpEcho.replyKey(packet.content(), raw);
        if (key < 0) {
            return;
        }
        int seq = (int) (key & 0xffff);
        Pending p = pending.get(seq);
        // a ping datagram socket rewrites the id, so the sequence number and the sender identify the reply
        if (p != null && p.address().equals(packet.sender().getAddress())) {
            pending.remove(seq);
            p.timer().cancel(false);
            p.result().complete(CheckResult.up("echo reply"));
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
