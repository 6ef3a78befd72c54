package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.HttpRequest;
import dev.vigil.healthchecker.probe.HttpResponseSummary;
import dev.vigil.healthchecker.probe.ProbeTarget;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.HttpProtocol;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's {@code genhash}: fetch one URL with the HTTP_GET/SSL_GET request and print the MD5 of the body,
 * the value to put in {@code digest}. Same request bytes and digest rules as the checker.
 */
public final class Genhash {

    /**
     * A genhash invocation ({@code -s server -p port -u url [-S] [-I] [-V vhost] [-P 1.0|1.0C|1.1] [-t secs]}).
     */
    public record Request(InetAddress server, int port, String url, boolean ssl, boolean sni, String virtualhost,
                          HttpProtocol protocol, Duration timeout) {
    }

    private Genhash() {
    }

    /** Fetches and returns the response summary (blocking; for the CLI). */
    public static HttpResponseSummary fetch(Request request) {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try {
            InetSocketAddress remote = new InetSocketAddress(request.server(), request.port());
            byte[] bytes = HttpRequest.build(request.url(), request.protocol(), request.virtualhost(), remote);
            ProbeTarget target = new ProbeTarget(remote, null, request.timeout());
            return new HttpFetcher(transport, Long.MAX_VALUE)
                    .fetch(group.next(), target, request.ssl(), request.sni() ? request.virtualhost() : null, bytes)
                    .join();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Runs like {@code genhash}: prints the lower-case hex MD5 and a newline on {@code out}, or
     * {@code no data received from remote webserver} on {@code err}. Returns 0 when a digest was printed, else 1.
     */
    public static int run(Request request, PrintStream out, PrintStream err) {
        HttpResponseSummary response = fetch(request);
        if (!response.receivedData()) {
            err.println(response.error() != null && response.error().startsWith("connect")
                    ? "Connection trouble to: [" + request.server().getHostAddress() + "]:" + request.port() + "."
                    : "no data received from remote webserver");
            return 1;
        }
        out.println(response.md5Hex());
        return 0;
    }
}
