package dev.vigil.healthchecker.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark targets (not a test): one listening socket on {@code 0.0.0.0:PORT}, which answers for every address of
 * 127.0.0.0/8, so thousands of real servers {@code 127.x.y.z:PORT} need one process and one socket. A connection that
 * sends nothing (TCP_CHECK) is simply accepted; one that sends an HTTP request gets {@code 200 OK} with a two-byte
 * body and is closed. Every 200 ms the number of connections accepted so far is written to COUNT_FILE (the
 * benchmark's independent count of checks).
 *
 * <p>Usage: {@code LoopbackTargets PORT COUNT_FILE}. Runs until killed.
 */
public final class LoopbackTargets {
    private static final byte[] RESPONSE = ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
            + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        Path countFile = Path.of(args[1]);
        LoopbackTargets targets = start(Integer.parseInt(args[0]));
        Path tmp = countFile.resolveSibling(countFile.getFileName() + ".tmp");
        System.out.println("LoopbackTargets listening on 0.0.0.0:" + args[0]);
        while (targets.server.isActive()) {
            Files.writeString(tmp, targets.accepted() + "\n");
            Files.move(tmp, countFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(200);
        }
    }

    private final EventLoopGroup group;
    private final Channel server;
    private final AtomicLong accepted;

    private LoopbackTargets(EventLoopGroup group, Channel server, AtomicLong accepted) {
        this.group = group;
        this.server = server;
        this.accepted = accepted;
    }

    /** Listens on {@code 0.0.0.0:port} with one event-loop thread. */
    public static LoopbackTargets start(int port) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        ByteBuf response = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(RESPONSE));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                                // The first bytes of a request are enough: the checkers send small requests.
                                if (ctx.channel().isActive() && ctx.channel().attr(ANSWERED).setIfAbsent(true) == null) {
                                    ctx.writeAndFlush(response.duplicate()).addListener(ChannelFutureListener.CLOSE);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();   // resets from checkers that close early are expected
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("0.0.0.0", port)).sync().channel();
        return new LoopbackTargets(group, server, accepted);
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Runs {@code task} on the listener's thread (to learn its id for CPU accounting). */
    public void execute(Runnable task) {
        group.execute(task);
    }

    public void close() throws InterruptedException {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    private static final io.netty.util.AttributeKey<Boolean> ANSWERED = io.netty.util.AttributeKey.valueOf("answered");
}
