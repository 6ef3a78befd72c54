package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.GlobalDefsParser.set;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.CheckerCommon;
import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.UrlCheck;
import dev.vigil.conf.parse.Node;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checker blocks of a real_server (check/check_*.c) with their per-kind defaults. */
final class CheckerParser {
    static final List<String> KINDS = List.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK",
            "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");
    private static final Set<String> DNS_TYPES = Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA");

    /** Checker settings given on the virtual or real server, inherited by its checkers (null = not set). */
    static final class Inherited {
        Duration connectTimeout;
        Integer retry;
        Duration delayBeforeRetry;
        Duration warmup;
        Duration delayLoop;

        Inherited copy() {
            Inherited c = new Inherited();
            c.connectTimeout = connectTimeout;
            c.retry = retry;
            c.delayBeforeRetry = delayBeforeRetry;
            c.warmup = warmup;
            c.delayLoop = delayLoop;
            return c;
        }

        void connectTimeout(Node n, Values v) {
            set(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), x -> connectTimeout = x);
        }

        void retry(Node n, Values v) {
            set(v.integer(n, 0, 0, Integer.MAX_VALUE), x -> retry = x.intValue());
        }

        void delayBeforeRetry(Node n, Values v) {
            set(v.seconds(n, 0, 0, Integer.MAX_VALUE), x -> delayBeforeRetry = x);
        }

        void warmup(Node n, Values v) {
            set(v.seconds(n, 0, 0, Integer.MAX_VALUE), x -> warmup = x);
        }

        void delayLoop(Node n, Values v) {
            set(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), x -> delayLoop = x);
        }
    }

    /** Everything a checker block may set; kind-specific fields stay null when not applicable. */
    private static final class Draft {
        Inherited inherited;
        Set<String> trackFilesDefined;
        InetAddress connectIp;
        Integer connectPort;
        InetAddress bindTo;
        int bindPort;
        String bindIf;
        long fwmark;
        boolean alpha;
        boolean logAllFailures;
        List<UrlCheck> urls = new ArrayList<>();
        String virtualhost;
        String httpProtocol = "1.0";
        boolean enableSni;
        boolean fastRecovery;
        String miscPath;
        dev.vigil.conf.parse.Token miscPathToken;
        Duration miscTimeout;
        boolean miscDynamic;
        String user;
        String group;
        String heloName;
        String dnsType = "SOA";
        String dnsName = ".";
        byte[] payload;
        boolean requireReply;
        byte[] replyData;
        int minReply;
        int maxReply;
        String trackFile;
        boolean dynamic;
        int weight = 1;
        boolean reverse;
        String bfdName;
    }

    private final Ctx ctx;
    private final Values v;

    CheckerParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    private Section<Draft> common(String kind, Set<String> own) {
        Set<String> known = new java.util.HashSet<>(Keywords.CHECKER_COMMON);
        known.addAll(own);
        return new Section<Draft>(kind, known)
                .value("connect_ip", (n, d) -> set(v.ip(n, 0, "connect_ip"), a -> d.connectIp = a))
                .value("connect_port", (n, d) -> set(v.integer(n, 0, 0, 65535), p -> d.connectPort = p.intValue()))
                .value("bindto", (n, d) -> set(v.ip(n, 0, "bindto"), a -> d.bindTo = a))
                .value("bind_port", (n, d) -> set(v.integer(n, 0, 0, 65535), p -> d.bindPort = p.intValue()))
                .value("bind_if", (n, d) -> d.bindIf = v.word(n, 0))
                .value("fwmark", (n, d) -> set(v.integer(n, 0, 0, 0xffffffffL), m -> d.fwmark = m))
                .value("connect_timeout", (n, d) -> d.inherited.connectTimeout(n, v))
                .value("retry", (n, d) -> d.inherited.retry(n, v))
                .value("nb_get_retry", (n, d) -> d.inherited.retry(n, v))
                .value("delay_before_retry", (n, d) -> d.inherited.delayBeforeRetry(n, v))
                .value("warmup", (n, d) -> d.inherited.warmup(n, v))
                .value("delay_loop", (n, d) -> d.inherited.delayLoop(n, v))
                .value("alpha", (n, d) -> set(v.bool(n, 0), b -> d.alpha = b))
                .value("log_all_failures", (n, d) -> set(v.bool(n, 0), b -> d.logAllFailures = b));
    }

    Checker parse(Node n, InetAddress rsAddress, int rsPort, Duration vsDelayLoop, Inherited inherited,
            String vsVirtualhost, Set<String> trackFilesDefined) {
        Draft d = new Draft();
        d.inherited = inherited.copy();
        d.trackFilesDefined = trackFilesDefined;
        String kind = n.name();
        sections.computeIfAbsent(kind, this::section).apply(n.children(), d, ctx);
        return build(n, kind, d, rsAddress, rsPort, vsDelayLoop, vsVirtualhost);
    }

    /** Keyword tables are built once per kind (per load) and reused for every checker of that kind. */
    private final java.util.Map<String, Section<Draft>> sections = new java.util.HashMap<>();

    private Section<Draft> section(String kind) {
        return switch (kind) {
            case "HTTP_GET", "SSL_GET" -> common(kind, Keywords.HTTP_GET)
                    .value("virtualhost", (c, x) -> x.virtualhost = v.word(c, 0))
                    .value("http_protocol", (c, x) -> set(v.word(c, 0), p -> {
                        if (Set.of("1.0", "1.1", "1.0C", "1.0c").contains(p)) {
                            x.httpProtocol = p.toUpperCase(java.util.Locale.ROOT);
                        } else {
                            ctx.reporter().error(c.arg(0), "Invalid http_protocol " + p + " - expected 1.0, 1.0C or 1.1");
                        }
                    }))
                    .value("enable_sni", (c, x) -> set(v.bool(c, 0), b -> x.enableSni = b))
                    .value("fast_recovery", (c, x) -> set(v.bool(c, 0), b -> x.fastRecovery = b))
                    .block("url", (c, x) -> set(url(c), x.urls::add));
            case "MISC_CHECK" -> new Section<Draft>(kind, Keywords.MISC_CHECK)
                    .value("misc_path", (c, x) -> {
                        x.miscPath = v.word(c, 0);
                        x.miscPathToken = c.arg(0);
                    })
                    .value("misc_timeout", (c, x) -> set(v.seconds(c, 0, 0.000001, Integer.MAX_VALUE), t -> x.miscTimeout = t))
                    .value("misc_dynamic", (c, x) -> x.miscDynamic = true)
                    .value("user", (c, x) -> {
                        x.user = v.word(c, 0);
                        x.group = c.argText(1);
                    })
                    .value("warmup", (c, x) -> x.inherited.warmup(c, v))
                    .value("delay_loop", (c, x) -> x.inherited.delayLoop(c, v))
                    .value("retry", (c, x) -> x.inherited.retry(c, v))
                    .value("delay_before_retry", (c, x) -> x.inherited.delayBeforeRetry(c, v))
                    .value("alpha", (c, x) -> set(v.bool(c, 0), b -> x.alpha = b));
            case "SMTP_CHECK" -> common(kind, Keywords.SMTP_CHECK)
                    .value("helo_name", (c, x) -> x.heloName = v.word(c, 0));
            case "DNS_CHECK" -> common(kind, Keywords.DNS_CHECK)
                    .value("type", (c, x) -> set(v.word(c, 0), t -> {
                        if (DNS_TYPES.contains(t)) {
                            x.dnsType = t;
                        } else {
                            ctx.reporter().error(c.arg(0), "DNS_CHECK: unknown type '" + t + "'");
                        }
                    }))
                    .value("name", (c, x) -> x.dnsName = v.word(c, 0));
            case "UDP_CHECK" -> common(kind, Keywords.UDP_CHECK)
                    .value("payload", (c, x) -> x.payload = hex(c, "payload"))
                    .value("require_reply", (c, x) -> {
                        x.requireReply = true;
                        x.replyData = c.argCount() > 0 ? hex(c, "reply") : null;
                    })
                    .value("min_reply_length", (c, x) -> set(v.integer(c, 0, 0, 65535), l -> x.minReply = l.intValue()))
                    .value("max_reply_length", (c, x) -> set(v.integer(c, 0, 0, 65535), l -> x.maxReply = l.intValue()));
            case "FILE_CHECK" -> new Section<Draft>(kind, Keywords.FILE_CHECK)
                    .value("track_file", (c, x) -> set(v.word(c, 0), f -> {
                        if (x.trackFilesDefined.contains(f)) {
                            x.trackFile = f;
                        } else {
                            String hint = Suggest.closest(f, x.trackFilesDefined);
                            ctx.reporter().error(c.arg(0), "track_file " + f + " not found"
                                    + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
                        }
                    }))
                    .value("dynamic", (c, x) -> x.dynamic = true)
                    .value("weight", (c, x) -> {
                        set(v.integer(c, 0, -254, 254), w -> x.weight = w.intValue());
                        x.reverse = "reverse".equals(c.argText(1));
                    })
                    .value("delay_loop", (c, x) -> x.inherited.delayLoop(c, v))
                    .value("warmup", (c, x) -> x.inherited.warmup(c, v))
                    .value("alpha", (c, x) -> set(v.bool(c, 0), b -> x.alpha = b));
            case "BFD_CHECK" -> new Section<Draft>(kind, Keywords.BFD_CHECK)
                    .value("name", (c, x) -> x.bfdName = v.word(c, 0))
                    .value("alpha", (c, x) -> set(v.bool(c, 0), b -> x.alpha = b));
            default -> common(kind, Set.of());
        };
    }

    private Checker build(Node n, String kind, Draft d, InetAddress rsAddress, int rsPort, Duration vsDelayLoop,
            String vsVirtualhost) {
        Inherited in = d.inherited;
        Duration delayLoop = in.delayLoop != null ? in.delayLoop : vsDelayLoop;
        int retryDefault = switch (kind) {
            case "DNS_CHECK" -> 3;
            case "MISC_CHECK" -> 0;
            default -> 1;
        };
        Duration dbrDefault = switch (kind) {
            case "HTTP_GET", "SSL_GET" -> Duration.ofSeconds(3);
            case "DNS_CHECK" -> delayLoop;
            default -> Duration.ofSeconds(1);
        };
        CheckerCommon common = new CheckerCommon(d.connectIp != null ? d.connectIp : rsAddress,
                d.connectPort != null ? d.connectPort : rsPort, d.bindTo, d.bindPort, d.bindIf, d.fwmark,
                in.connectTimeout != null ? in.connectTimeout : Defaults.CONNECT_TIMEOUT,
                in.retry != null ? in.retry : retryDefault,
                in.delayBeforeRetry != null ? in.delayBeforeRetry : dbrDefault, in.warmup, delayLoop, d.alpha,
                d.logAllFailures);
        return switch (kind) {
            case "TCP_CHECK" -> new Checker.TcpCheck(common);
            case "HTTP_GET", "SSL_GET" -> {
                if (d.urls.isEmpty()) {
                    ctx.reporter().error(n.keyword(), "HTTP/SSL_GET checker has no urls specified - ignoring");
                    yield null;
                }
                yield new Checker.HttpCheck(common, kind.equals("SSL_GET"), d.urls,
                        d.virtualhost != null ? d.virtualhost : vsVirtualhost, d.httpProtocol, d.enableSni,
                        d.fastRecovery);
            }
            case "MISC_CHECK" -> {
                if (d.miscPath == null) {
                    ctx.reporter().error(n.keyword(), "Misc check with no script specified - ignoring");
                    yield null;
                }
                yield v.origin(new Checker.MiscCheck(common, d.miscPath, d.miscTimeout, d.miscDynamic, d.user,
                        d.group), d.miscPathToken);
            }
            case "SMTP_CHECK" -> new Checker.SmtpCheck(common, d.heloName != null ? d.heloName : Defaults.hostName());
            case "DNS_CHECK" -> new Checker.DnsCheck(common, d.dnsType, d.dnsName);
            case "UDP_CHECK" -> new Checker.UdpCheck(common, d.payload, d.requireReply, d.replyData, d.minReply,
                    d.maxReply);
            case "PING_CHECK" -> new Checker.PingCheck(common);
            case "FILE_CHECK" -> {
                if (d.trackFile == null) {
                    ctx.reporter().error(n.keyword(), "FILE_CHECK has no track_file specified - ignoring");
                    yield null;
                }
                yield new Checker.FileCheck(common, d.trackFile, d.dynamic, d.weight, d.reverse);
            }
            case "BFD_CHECK" -> new Checker.BfdCheck(common, d.bfdName);
            default -> null;
        };
    }

    private UrlCheck url(Node n) {
        String[] path = {null};
        String[] digest = {null};
        String[] vhost = {null};
        String[] regex = {null};
        boolean[] noMatch = {false};
        List<UrlCheck.StatusRange> codes = new ArrayList<>();
        new Section<Void>("url", Keywords.URL)
                .value("path", (c, x) -> path[0] = v.word(c, 0))
                .value("digest", (c, x) -> set(v.word(c, 0), s -> {
                    if (s.matches("[0-9a-fA-F]{32}")) {
                        digest[0] = s.toLowerCase(java.util.Locale.ROOT);
                    } else {
                        ctx.reporter().error(c.arg(0), "digest '" + s + "' is not a 32 hex digit MD5 - ignoring");
                    }
                }))
                .value("status_code", (c, x) -> c.args().forEach(t -> {
                    String s = t.text();
                    String[] range = s.split("-", 2);
                    try {
                        int from = Integer.parseInt(range[0]);
                        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                        if (from < 100 || to > 599 || from > to) {
                            throw new NumberFormatException();
                        }
                        codes.add(new UrlCheck.StatusRange(from, to));
                    } catch (NumberFormatException e) {
                        ctx.reporter().error(t, "Invalid HTTP_GET status code '" + s + "'");
                    }
                }))
                .value("virtualhost", (c, x) -> vhost[0] = v.word(c, 0))
                .value("regex", (c, x) -> regex[0] = v.word(c, 0))
                .value("regex_no_match", (c, x) -> noMatch[0] = true)
                .apply(n.children(), null, ctx);
        if (path[0] == null) {
            ctx.reporter().error(n.keyword(), "url block has no path - ignoring");
            return null;
        }
        if (codes.isEmpty()) {
            codes.add(new UrlCheck.StatusRange(200, 299));
        }
        return new UrlCheck(path[0], digest[0], codes, vhost[0], regex[0], noMatch[0]);
    }

    /**
     * keepalived's {@code read_hex_str()}: hex digit pairs, blanks allowed between bytes. It rejects a string
     * whose last byte is 0xff (its end marker), and so does Vigil, to accept exactly what keepalived accepts.
     */
    private byte[] hex(Node n, String what) {
        if (n.argCount() == 0) {
            ctx.reporter().error(n.keyword(), "UDP_CHECK " + what + " requires a " + what);
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean ok = true;
        for (var t : n.args()) {
            String s = t.text();
            for (int i = 0; i < s.length() && ok; i += 2) {
                int hi = Character.digit(s.charAt(i), 16);
                int lo = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -2;
                if (hi < 0 || lo == -1) {
                    ok = false;
                } else {
                    out.write(lo == -2 ? hi : (hi << 4) | lo);
                }
            }
        }
        byte[] bytes = out.toByteArray();
        if (!ok || bytes.length == 0 || (bytes[bytes.length - 1] & 0xff) == 0xff) {
            ctx.reporter().error(n.arg(0), "Invalid hex string for UDP_CHECK " + what);
            return null;
        }
        return bytes;
    }
}
