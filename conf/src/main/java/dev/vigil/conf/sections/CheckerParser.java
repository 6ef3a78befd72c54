package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.intOr;
import static dev.vigil.conf.sections.Values.or;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.CheckerCommon;
import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.UrlCheck;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

        /** connect_timeout, retry (nb_get_retry), delay_before_retry, warmup or delay_loop. */
        void apply(Node n, Values v) {
            switch (n.name()) {
                case "connect_timeout" ->
                        connectTimeout = or(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), connectTimeout);
                case "retry", "nb_get_retry" -> retry = intOr(v.integer(n, 0, 0, Integer.MAX_VALUE), retry);
                case "delay_before_retry" ->
                        delayBeforeRetry = or(v.seconds(n, 0, 0, Integer.MAX_VALUE), delayBeforeRetry);
                case "warmup" -> warmup = or(v.seconds(n, 0, 0, Integer.MAX_VALUE), warmup);
                case "delay_loop" -> delayLoop = or(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), delayLoop);
                default -> throw new IllegalArgumentException(n.name());
            }
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
        boolean dnsNameSet;
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

    /** The keyword table of each checker kind: every connecting checker shares {@link #common}'s keywords. */
    private static final Map<String, Section> SECTIONS = sections();

    private static Map<String, Section> sections() {
        Map<String, Section> sections = new HashMap<>();
        for (String kind : KINDS) {
            sections.put(kind, switch (kind) {
                case "HTTP_GET", "SSL_GET" -> common(kind, Keywords.HTTP_GET)
                        .values("virtualhost", "http_protocol", "enable_sni", "fast_recovery")
                        .blocks("url");
                case "MISC_CHECK" -> new Section(kind, Keywords.MISC_CHECK)
                        .values("misc_path", "misc_timeout", "misc_dynamic", "user", "warmup", "delay_loop", "retry",
                                "delay_before_retry", "alpha");
                case "SMTP_CHECK" -> common(kind, Keywords.SMTP_CHECK).values("helo_name");
                case "DNS_CHECK" -> common(kind, Keywords.DNS_CHECK).values("type", "name");
                case "UDP_CHECK" -> common(kind, Keywords.UDP_CHECK)
                        .values("payload", "require_reply", "min_reply_length", "max_reply_length");
                case "FILE_CHECK" -> new Section(kind, Keywords.FILE_CHECK)
                        .values("track_file", "dynamic", "weight", "delay_loop", "warmup", "alpha");
                case "BFD_CHECK" -> new Section(kind, Keywords.BFD_CHECK).values("name", "alpha");
                default -> common(kind, Set.of());
            });
        }
        return sections;
    }

    private static Section common(String kind, Set<String> own) {
        Set<String> known = new HashSet<>(Keywords.CHECKER_COMMON);
        known.addAll(own);
        return new Section(kind, known)
                .values("connect_ip", "connect_port", "bindto", "bind_port", "bind_if", "fwmark", "connect_timeout",
                        "retry", "nb_get_retry", "delay_before_retry", "warmup", "delay_loop", "alpha",
                        "log_all_failures");
    }

    private static final Section URL = new Section("url", Keywords.URL)
            .values("path", "digest", "status_code", "virtualhost", "regex", "regex_no_match");

    private final Ctx ctx;
    private final Values v;

    CheckerParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Checker parse(Node n, InetAddress rsAddress, int rsPort, Duration vsDelayLoop, Inherited inherited,
            String vsVirtualhost, Set<String> trackFilesDefined) {
        Draft d = new Draft();
        d.inherited = inherited.copy();
        d.trackFilesDefined = trackFilesDefined;
        String kind = n.name();
        Section section = SECTIONS.get(kind);
        for (Node c : n.children()) {
            if (section.accepts(c, ctx)) {
                keyword(kind, c, d);
            }
        }
        return build(n, kind, d, rsAddress, rsPort, vsDelayLoop, vsVirtualhost);
    }

    /** One keyword of a checker of {@code kind}; its {@link Section} has let through only that kind's keywords. */
    private void keyword(String kind, Node c, Draft x) {
        switch (c.name()) {
            case "connect_ip" -> x.connectIp = or(v.ip(c, 0, "connect_ip"), x.connectIp);
            case "connect_port" -> x.connectPort = intOr(v.integer(c, 0, 0, 65535), x.connectPort);
            case "bindto" -> x.bindTo = or(v.ip(c, 0, "bindto"), x.bindTo);
            case "bind_port" -> x.bindPort = intOr(v.integer(c, 0, 0, 65535), x.bindPort);
            case "bind_if" -> x.bindIf = v.word(c, 0);
            case "fwmark" -> x.fwmark = or(v.integer(c, 0, 0, 0xffffffffL), x.fwmark);
            case "connect_timeout", "retry", "nb_get_retry", "delay_before_retry", "warmup", "delay_loop" ->
                    x.inherited.apply(c, v);
            case "alpha" -> x.alpha = or(v.bool(c, 0), x.alpha);
            case "log_all_failures" -> x.logAllFailures = or(v.bool(c, 0), x.logAllFailures);
            case "virtualhost" -> x.virtualhost = v.word(c, 0);
            case "http_protocol" -> {
                String p = v.word(c, 0);
                if (p != null && Set.of("1.0", "1.1", "1.0C", "1.0c").contains(p)) {
                    x.httpProtocol = p.toUpperCase(java.util.Locale.ROOT);
                } else if (p != null) {
                    ctx.reporter().error(c.arg(0), "Invalid http_protocol " + p + " - expected 1.0, 1.0C or 1.1");
                }
            }
            case "enable_sni" -> x.enableSni = or(v.bool(c, 0), x.enableSni);
            case "fast_recovery" -> x.fastRecovery = or(v.bool(c, 0), x.fastRecovery);
            case "url" -> {
                UrlCheck url = url(c);
                if (url != null) {
                    x.urls.add(url);
                }
            }
            case "misc_path" -> {
                x.miscPath = v.word(c, 0);
                x.miscPathToken = c.arg(0);
            }
            case "misc_timeout" -> x.miscTimeout = or(v.seconds(c, 0, 0.000001, Integer.MAX_VALUE), x.miscTimeout);
            case "misc_dynamic" -> x.miscDynamic = true;
            case "user" -> {
                x.user = v.word(c, 0);
                x.group = c.argText(1);
            }
            case "helo_name" -> x.heloName = v.word(c, 0);
            case "type" -> {
                String t = v.word(c, 0);
                if (t != null && DNS_TYPES.contains(t)) {
                    x.dnsType = t;
                } else if (t != null) {
                    ctx.reporter().error(c.arg(0), "DNS_CHECK: unknown type '" + t + "'");
                }
            }
            case "name" -> {
                if (kind.equals("BFD_CHECK")) {
                    x.bfdName = v.word(c, 0);
                } else if (x.dnsNameSet) {
                    ctx.reporter().error(c.keyword(), "DNS_CHECK name already specified - ignoring");
                } else {
                    x.dnsName = v.word(c, 0);
                    x.dnsNameSet = true;
                }
            }
            case "payload" -> x.payload = hex(c, "payload");
            case "require_reply" -> {
                x.requireReply = true;
                x.replyData = c.argCount() > 0 ? hex(c, "reply") : null;
            }
            case "min_reply_length" -> x.minReply = intOr(v.integer(c, 0, 0, 65535), x.minReply);
            case "max_reply_length" -> x.maxReply = intOr(v.integer(c, 0, 0, 65535), x.maxReply);
            case "track_file" -> trackFile(c, x);
            case "dynamic" -> x.dynamic = true;
            case "weight" -> {
                x.weight = intOr(v.integer(c, 0, -254, 254), x.weight);
                x.reverse = "reverse".equals(c.argText(1));
            }
            default -> throw SECTIONS.get(kind).unhandled(c);
        }
    }

    /** FILE_CHECK's track_file must name a track_file block. */
    private void trackFile(Node c, Draft x) {
        String f = v.word(c, 0);
        if (f == null) {
            return;
        }
        if (x.trackFilesDefined.contains(f)) {
            x.trackFile = f;
        } else {
            String hint = Suggest.closest(f, x.trackFilesDefined);
            ctx.reporter().error(c.arg(0), "track_file " + f + " not found"
                    + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
        }
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
        String path = null;
        String digest = null;
        String vhost = null;
        String regex = null;
        boolean noMatch = false;
        List<UrlCheck.StatusRange> codes = new ArrayList<>();
        for (Node c : n.children()) {
            if (URL.accepts(c, ctx)) {
                switch (c.name()) {
                    case "path" -> path = v.word(c, 0);
                    case "digest" -> digest = or(digest(c), digest);
                    case "status_code" -> statusCodes(c, codes);
                    case "virtualhost" -> vhost = v.word(c, 0);
                    case "regex" -> regex = v.word(c, 0);
                    case "regex_no_match" -> noMatch = true;
                    default -> throw URL.unhandled(c);
                }
            }
        }
        if (path == null) {
            ctx.reporter().error(n.keyword(), "url block has no path - ignoring");
            return null;
        }
        if (codes.isEmpty()) {
            codes.add(new UrlCheck.StatusRange(200, 299));
        }
        return new UrlCheck(path, digest, codes, vhost, regex, noMatch);
    }

    /** An MD5 digest in lower case, or null after reporting. */
    private String digest(Node c) {
        String s = v.word(c, 0);
        if (s == null) {
            return null;
        }
        if (!s.matches("[0-9a-fA-F]{32}")) {
            ctx.reporter().error(c.arg(0), "digest '" + s + "' is not a 32 hex digit MD5 - ignoring");
            return null;
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code status_code N|N-M ...}. */
    private void statusCodes(Node c, List<UrlCheck.StatusRange> codes) {
        for (Token t : c.args()) {
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
        }
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
