package dev.vigil.healthchecker.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one raw GET and digests the response until the server closes the connection, like keepalived's
 * {@code http_read_thread()}: the status code comes from the status line, the MD5 covers every byte after the
 * blank line. Reads time out after connect_timeout of silence; headers over {@value #MAX_HEADER} bytes or a body
 * over the body limit fail the fetch (a flooding server cannot keep a check running).
 */
public final class HttpFetcher {

    static final int MAX_HEADER = 64 * 1024;
    /** Default body limit. keepalived has none; 16 MiB bounds the time a flooding peer can hold a check. */
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

    /** Built on first TLS use only: creating a JDK SSL context costs seconds of CPU. */
    private static final class InsecureTls {
        static final SslContext CONTEXT = TlsClientConfig.insecureDefault();
    }

    private final Transport transport;
    private final long maxBody;
    private final SslContext clientTls;

    public HttpFetcher(Transport transport) {
        this(transport, DEFAULT_MAX_BODY);
    }

    public HttpFetcher(Transport transport, long maxBody) {
        this(transport, maxBody, null);
    }

    /** @param tls client TLS context (the SSL block), or null for keepalived's default (no client certificate) */
    public HttpFetcher(Transport transport, long maxBody, SslContext tls) {
        this.transport = transport;
        this.maxBody = maxBody;
        this.clientTls = tls;
    }

    /**
     * Fetches once.
     *
     * @param sniName server name for TLS SNI, or {@code null} for none; ignored without TLS
     */
    public CompletableFuture<HttpResponseSummary> fetch(EventLoop loop, ProbeTarget target, boolean tls,
                                                        String sniName, byte[] request) {
        return fetch(loop, target, tls, sniName, request, 0);
    }

    /** As above, keeping the first {@code keepBodyBytes} of the body for a regex check. */
    public CompletableFuture<HttpResponseSummary> fetch(EventLoop loop, ProbeTarget target, boolean tls,
                                                        String sniName, byte[] request, int keepBodyBytes) {
        CompletableFuture<HttpResponseSummary> result = new CompletableFuture<>();
        ResponseDigester digester = new ResponseDigester(request, maxBody, keepBodyBytes, result);
        long idleMillis = Math.max(1, target.connectTimeout().toMillis());
        Bootstrap b = transport.tcp(loop, target.connectTimeout()).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls) {
                    int port = target.remote().getPort();
                    SslContext context = clientTls != null ? clientTls : InsecureTls.CONTEXT;
                    SslHandler ssl = sniName != null ? context.newHandler(ch.alloc(), sniName, port)
                            : context.newHandler(ch.alloc());
                    ssl.setHandshakeTimeoutMillis(idleMillis);
                    ch.pipeline().addLast(ssl);
                }
                ch.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
                ch.pipeline().addLast(digester);
            }
        });
        ChannelFuture cf = target.local() != null ? b.connect(target.remote(), target.local()) : b.connect(target.remote());
        cf.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                f.channel().close();
                result.complete(HttpResponseSummary(-1, "connect: " + Transport.describe(f.cause())));
            }
        });
        return result;
    }

    private static HttpResponseSummary HttpResponseSummary(int status, String error) {
        return new HttpResponseSummary(status, new byte[16], 0, -1, "", error, "");
    }

    /** Collects the header, digests the body, and completes once on close, error or timeout. */
    private static final class ResponseDigester extends ChannelInboundHandlerAdapter {
        private static final byte[] END_OF_HEADER = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        private final byte[] request;
        private final long maxBody;
        private final CompletableFuture<HttpResponseSummary> result;
        private final MessageDigest md5 = newMd5();
        private ByteBuf header = Unpooled.buffer(256);
        private String headerText = "";
        private boolean inBody;
        private long bodyBytes;
        private long contentLength = -1;
        private final int keepBodyBytes;
        private final StringBuilder kept = new StringBuilder();

        ResponseDigester(byte[] request, long maxBody, int keepBodyBytes,
                         CompletableFuture<HttpResponseSummary> result) {
            this.request = request;
            this.maxBody = maxBody;
            this.keepBodyBytes = keepBodyBytes;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // With TLS the SslHandler holds this write until the handshake is done.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(f -> {
                if (!f.isSuccess()) {
                    finish(ctx.channel(), "write: " + Transport.describe(f.cause()));
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (result.isDone()) {
                    return;
                }
                if (!inBody) {
                    header.writeBytes(in);
                    int end = indexOf(header, END_OF_HEADER);
                    if (end < 0) {
                        if (header.readableBytes() > MAX_HEADER) {
                            finish(ctx.channel(), "HTTP header too large");
                        }
                        return;
                    }
                    headerText = header.toString(0, end, StandardCharsets.ISO_8859_1);
                    contentLength = contentLength(headerText);
                    header.readerIndex(end + END_OF_HEADER.length);
                    inBody = true;
                    digest(ctx, header);
                    header.release();
                    header = null;
                } else {
                    digest(ctx, in);
                }
            } finally {
                in.release();
            }
        }

        private void digest(ChannelHandlerContext ctx, ByteBuf buf) {
            int n = buf.readableBytes();
            bodyBytes += n;
            if (bodyBytes > maxBody) {
                finish(ctx.channel(), "HTTP body larger than " + maxBody + " bytes");
                return;
            }
            // keepalived digests at most Content-Length bytes when the header gives one
            long alreadyDigested = bodyBytes - n;
            int toDigest = contentLength < 0 ? n : (int) Math.max(0, Math.min(n, contentLength - alreadyDigested));
            md5.update(buf.nioBuffer(buf.readerIndex(), toDigest));
            int keep = Math.min(toDigest, keepBodyBytes - kept.length());
            if (keep > 0) {
                kept.append(buf.toString(buf.readerIndex(), keep, StandardCharsets.ISO_8859_1));
            }
            buf.skipBytes(n);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                finish(ctx.channel(), "Timeout WEB read");
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(ctx.channel(), "Read error: " + Transport.describe(cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(ctx.channel(), null);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (header != null) {
                header.release();
                header = null;
            }
        }

        private void finish(Channel channel, String error) {
            if (result.isDone()) {
                return;
            }
            channel.close();
            // Closed before the end of the header: like keepalived, that counts as no data.
            int status = inBody ? parseStatus(headerText) : -1;
            result.complete(new HttpResponseSummary(status, md5.digest(), bodyBytes, contentLength, headerText,
                    error, kept.toString()));
        }

        private static int indexOf(ByteBuf buf, byte[] needle) {
            int start = buf.readerIndex();
            int end = buf.writerIndex() - needle.length;
            outer:
            for (int i = start; i <= end; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf.getByte(i + j) != needle[j]) {
                        continue outer;
                    }
                }
                return i - start;
            }
            return -1;
        }

        private static MessageDigest newMd5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * keepalived's {@code extract_status_code()}: the three digits after the first space, followed by a space;
     * 0 when the line has another shape.
     */
    static int parseStatus(String header) {
        int sp = 0;
        while (sp < header.length() && header.charAt(sp) != ' ' && header.charAt(sp) != '\r') {
            sp++;
        }
        if (sp >= header.length() || header.charAt(sp) != ' ' || sp + 4 >= header.length()
                || header.charAt(sp + 4) != ' ') {
            return 0;
        }
        String code = header.substring(sp + 1, sp + 4);
        return code.chars().allMatch(Character::isDigit) ? Integer.parseInt(code) : 0;
    }

    /** keepalived's {@code extract_content_length()}: case-sensitive "Content-Length:", else -1. */
    static long contentLength(String header) {
        int at = header.indexOf("Content-Length:");
        if (at < 0) {
            return -1;
        }
        int i = at + "Content-Length:".length();
        while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        while (i < header.length() && Character.isDigit(header.charAt(i))) {
            i++;
        }
        if (start == i || (i < header.length() && header.charAt(i) != '\r' && header.charAt(i) != '\n')) {
            return -1;
        }
        try {
            return Long.parseLong(header.substring(start, i));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
