package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.HttpRequest;
import dev.vigil.healthchecker.probe.HttpResponseSummary;
import dev.vigil.healthchecker.probe.ProbeTarget;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.HttpProtocol;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
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

    /** keepalived's usage text (check_genhash.c {@code genhash_usage()}), for {@code prog}. */
    public static String usage(String prog) {
        return "Usage: " + prog + " COMMAND [OPTIONS]\n"
                + "Commands:\n"
                + "   -s server-address -p port -u url\n"
                + "   -S -s server-address -p port -u url\n"
                + "   -h\n\n"
                + "Options:\n"
                + "Either long or short options are allowed.\n"
                + "   --use-ssl         -S       Use SSL connection to remote server.\n"
                + "   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n"
                + "   --server          -s       Use the specified remote server address.\n"
                + "   --port            -p       Use the specified remote server port.\n"
                + "   --url             -u       Use the specified remote server url.\n"
                + "   --use-virtualhost -V       Use the specified virtualhost in GET query.\n"
                + "   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n"
                + "                                1.0c means 1.0 with 'Connection: close'\n"
                + "   --timeout         -t       Timeout in seconds\n";
    }

    /**
     * Parses genhash's command line ({@code -s}, {@code -p}, {@code -u} required; {@code -S -I -V -P -t}
     * optional; long forms too). Timeout defaults to 5 s.
     *
     * @throws IllegalArgumentException with keepalived's message for a bad or missing option
     */
    public static Request parse(String... args) {
        InetAddress server = null;
        int port = -1;
        String url = null;
        boolean ssl = false;
        boolean sni = false;
        String vhost = null;
        HttpProtocol protocol = HttpProtocol.HTTP_1_0;
        Duration timeout = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            switch (opt) {
                case "-S", "--use-ssl" -> ssl = true;
                case "-I", "--use-sni" -> sni = true;
                case "-s", "--server" -> {
                    String v = value(args, ++i, opt);
                    // a literal only: never a name look-up
                    byte[] literal = NetUtil.createByteArrayFromIpAddressString(v);
                    if (literal == null) {
                        throw new IllegalArgumentException("server should be an IP, not " + v);
                    }
                    try {
                        server = InetAddress.getByAddress(literal);
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalArgumentException("server should be an IP, not " + v, e);
                    }
                }
                case "-p", "--port" -> {
                    String v = value(args, ++i, opt);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 1 || port > 65535) {
                        throw new IllegalArgumentException("invalid port number '" + v + "'");
                    }
                }
                case "-u", "--url" -> url = value(args, ++i, opt);
                case "-V", "--use-virtualhost" -> vhost = value(args, ++i, opt);
                case "-P", "--protocol" -> {
                    String v = value(args, ++i, opt);
                    protocol = switch (v) {
                        case "1.0" -> HttpProtocol.HTTP_1_0;
                        case "1.0c", "1.0C" -> HttpProtocol.HTTP_1_0C;
                        case "1.1" -> HttpProtocol.HTTP_1_1;
                        default -> throw new IllegalArgumentException("invalid HTTP protocol version '" + v + "'");
                    };
                }
                case "-t", "--timeout" -> {
                    String v = value(args, ++i, opt);
                    try {
                        timeout = Duration.ofSeconds(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid timeout '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + opt);
            }
        }
        if (server == null || port < 0 || url == null) {
            throw new IllegalArgumentException("server, port and url are required");
        }
        return new Request(server, port, url, ssl, sni, vhost, protocol, timeout);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Missing parameter for option " + opt);
        }
        return args[i];
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
