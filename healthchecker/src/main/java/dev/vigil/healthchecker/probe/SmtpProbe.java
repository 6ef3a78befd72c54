package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * SMTP_CHECK (check/check_smtp.c): expect a 220 banner, send {@code HELO <name>}, expect 250, send {@code QUIT}.
 * Multi-line replies ({@code 250-...}) are read to their last line. Lines over 512 bytes fail the check.
 */
public final class SmtpProbe implements Probe {

    private static final int MAX_LINE = 512;

    private final Transport transport;
    private final ProbeTarget target;
    private final String heloName;

    public SmtpProbe(Transport transport, ProbeTarget target, String heloName) {
        this.transport = transport;
        this.target = target;
        this.heloName = heloName;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        long idle = Math.max(1, target.connectTimeout().toMillis());
        Bootstrap b = transport.tcp(loop, target.connectTimeout()).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS),
                        new LineBasedFrameDecoder(MAX_LINE, true, true), new Dialogue(result));
            }
        });
        ChannelFuture cf = target.local() != null ? b.connect(target.remote(), target.local()) : b.connect(target.remote());
        cf.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                f.channel().close();
                result.complete(CheckResult.down("Error connecting to server: " + Transport.describe(f.cause())));
            }
        });
        return result;
    }

    private final class Dialogue extends SimpleChannelInboundHandler<ByteBuf> {
        private final CompletableFuture<CheckResult> result;
        private int stage; // 0 banner, 1 HELO reply

        Dialogue(CompletableFuture<CheckResult> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            String line = msg.toString(StandardCharsets.ISO_8859_1);
            if (line.length() >= 4 && line.charAt(3) == '-') {
                return; // continuation of a multi-line reply
            }
            int code = line.length() >= 3 && line.substring(0, 3).chars().allMatch(Character::isDigit)
                    ? Integer.parseInt(line.substring(0, 3)) : -1;
            if (stage == 0) {
                if (code != 220) {
                    done(ctx, CheckResult.down("Bad server greeting: " + abbreviate(line)));
                    return;
                }
                stage = 1;
                ctx.writeAndFlush(Unpooled.copiedBuffer("HELO " + heloName + "\r\n", StandardCharsets.US_ASCII));
            } else {
                if (code != 250) {
                    done(ctx, CheckResult.down("Bad HELO response: " + abbreviate(line)));
                    return;
                }
                ctx.writeAndFlush(Unpooled.copiedBuffer("QUIT\r\n", StandardCharsets.US_ASCII));
                done(ctx, CheckResult.up("HELO accepted"));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                done(ctx, CheckResult.down("Read timeout from server"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done(ctx, CheckResult.down(cause instanceof TooLongFrameException ? "Buffer overflow reading from server"
                    : "Read error: " + Transport.describe(cause)));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done(ctx, CheckResult.down("Connection closed by server"));
        }

        private void done(ChannelHandlerContext ctx, CheckResult r) {
            if (result.complete(r)) {
                ctx.channel().close();
            }
        }
    }

    static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
