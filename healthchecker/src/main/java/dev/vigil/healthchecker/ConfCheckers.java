package dev.vigil.healthchecker;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.CheckerCommon;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SslConfig;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.UrlCheck;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.healthchecker.probe.TlsClientConfig;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.DnsCheck;
import dev.vigil.healthchecker.spec.FileCheck;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.PingCheck;
import dev.vigil.healthchecker.spec.SmtpCheck;
import dev.vigil.healthchecker.spec.SslGet;
import dev.vigil.healthchecker.spec.StatusRange;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.healthchecker.spec.UdpCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the parsed keepalived.conf ({@code dev.vigil.conf.model}) to the engine's inputs: one {@link Target} per
 * real server of every virtual server, its checkers with inherited values resolved (virtualhost from url, checker,
 * real server, virtual server; {@code checker_log_all_failures}; alpha from the real and virtual server).
 */
public final class ConfCheckers {

    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.healthchecker");

    /** What {@link HealthCheckerEngine#add} takes for one real server. */
    public record Target(VirtualServerKey vs, Endpoint rs, int weight, List<CheckerSpec> checkers) {
        public Target {
            checkers = List.copyOf(checkers);
        }
    }

    private ConfCheckers() {
    }

    /** Every real server of every virtual server; unsupported checkers (BFD_CHECK) are left out with a warning. */
    public static List<Target> targets(KeepalivedConfig config) {
        List<Target> targets = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            VirtualServerKey key = key(vs);
            Endpoint.Protocol protocol = protocol(vs.protocol());
            for (RealServer rs : vs.realServers()) {
                List<CheckerSpec> specs = new ArrayList<>();
                for (Checker checker : rs.checkers()) {
                    CheckerSpec spec = spec(checker, vs, rs, config);
                    if (spec != null) {
                        specs.add(spec);
                    }
                }
                targets.add(new Target(key, new Endpoint(rs.address(), rs.port(), protocol), rs.weight(), specs));
            }
        }
        return targets;
    }

    /** The top-level SSL block as SSL_GET's client settings, or null without one. */
    public static TlsClientConfig tls(KeepalivedConfig config) {
        SslConfig ssl = config.ssl();
        if (ssl == null) {
            return null;
        }
        return new TlsClientConfig(ssl.certificate() == null ? null : Path.of(ssl.certificate()),
                ssl.key() == null ? null : Path.of(ssl.key()), ssl.password());
    }

    /** The virtual server as the events name it. */
    public static VirtualServerKey key(VirtualServer vs) {
        VirtualServerAddress a = vs.address();
        if (a instanceof VirtualServerAddress.IpPort ip) {
            return VirtualServerKey.of(new Endpoint(ip.address(), ip.port(), protocol(vs.protocol())));
        }
        if (a instanceof VirtualServerAddress.Fwmark mark) {
            return VirtualServerKey.fwmark((int) mark.mark());
        }
        return VirtualServerKey.group(((VirtualServerAddress.Group) a).name());
    }

    static Endpoint.Protocol protocol(String protocol) {
        return protocol == null ? Endpoint.Protocol.TCP : Endpoint.Protocol.valueOf(protocol.toUpperCase(Locale.ROOT));
    }

    /** One checker, or null when Vigil does not implement it. */
    static CheckerSpec spec(Checker checker, VirtualServer vs, RealServer rs, KeepalivedConfig config) {
        boolean logAll = config.globalDefs().checkerLogAllFailures();
        boolean alpha = rs.alpha() || vs.alpha();
        if (checker instanceof Checker.TcpCheck c) {
            return new TcpCheck(common(c.common(), CheckerKind.TCP_CHECK, logAll, alpha));
        }
        if (checker instanceof Checker.HttpCheck c) {
            CheckerKind kind = c.ssl() ? CheckerKind.SSL_GET : CheckerKind.HTTP_GET;
            CheckCommon common = common(c.common(), kind, logAll, alpha);
            // keepalived: url, checker, real server, then virtual server. The conf model already falls back from
            // the checker to the virtual server, so a value equal to the virtual server's yields to the real server's.
            String vhost = c.virtualhost() != null && !c.virtualhost().equals(vs.virtualhost()) ? c.virtualhost()
                    : firstNonNull(rs.virtualhost(), vs.virtualhost());
            List<UrlSpec> urls = c.urls().stream().map(ConfCheckers::url).toList();
            HttpProtocol protocol = httpProtocol(c.httpProtocol());
            return c.ssl() ? new SslGet(common, urls, protocol, vhost, c.enableSni())
                    : new HttpGet(common, urls, protocol, vhost);
        }
        if (checker instanceof Checker.MiscCheck c) {
            return new MiscCheck(common(c.common(), CheckerKind.MISC_CHECK, logAll, alpha), c.path(), c.timeout(),
                    c.dynamic(), c.user(), c.group());
        }
        if (checker instanceof Checker.SmtpCheck c) {
            String helo = firstNonNull(c.heloName(), config.globalDefs().smtpHeloName());
            return new SmtpCheck(common(c.common(), CheckerKind.SMTP_CHECK, logAll, alpha), helo);
        }
        if (checker instanceof Checker.DnsCheck c) {
            return new DnsCheck(common(c.common(), CheckerKind.DNS_CHECK, logAll, alpha), c.type(), c.name());
        }
        if (checker instanceof Checker.UdpCheck c) {
            return new UdpCheck(common(c.common(), CheckerKind.UDP_CHECK, logAll, alpha), c.payload(),
                    c.requireReply(), c.replyData(), c.minReplyLength(), c.maxReplyLength());
        }
        if (checker instanceof Checker.PingCheck c) {
            return new PingCheck(common(c.common(), CheckerKind.PING_CHECK, logAll, alpha));
        }
        if (checker instanceof Checker.FileCheck c) {
            TrackFile file = config.trackFiles().stream().filter(t -> t.name().equals(c.trackFile())).findFirst()
                    .orElse(null);
            if (file == null) {
                LOG.warn("FILE_CHECK on service {}: unknown track_file {} - ignoring", rs.address(), c.trackFile());
                return null;
            }
            return new FileCheck(common(c.common(), CheckerKind.FILE_CHECK, logAll, alpha), c.trackFile(),
                    Path.of(file.file()), c.weight(), c.reverse());
        }
        LOG.warn("{} is not supported by Vigil - ignoring it for real server {}", checker.getClass().getSimpleName(),
                rs.address());
        return null;
    }

    private static CheckCommon common(CheckerCommon c, CheckerKind kind, boolean logAll, boolean alpha) {
        CheckCommon.Builder b = CheckCommon.builder(kind)
                .connectIp(c.connectIp()).connectPort(c.connectPort()).bindTo(c.bindTo()).bindPort(c.bindPort())
                .retry(c.retry()).alpha(c.alpha() || alpha).logAllFailures(c.logAllFailures() || logAll);
        if (c.delayLoop() != null) {
            b.delayLoop(c.delayLoop());
        }
        if (c.connectTimeout() != null) {
            b.connectTimeout(c.connectTimeout());
        }
        if (c.delayBeforeRetry() != null) {
            b.delayBeforeRetry(c.delayBeforeRetry());
        }
        if (c.warmup() != null) {
            b.warmup(c.warmup());
        }
        return b.build();
    }

    private static UrlSpec url(UrlCheck u) {
        Pattern regex = null;
        if (u.regex() != null) {
            try {
                regex = Pattern.compile(u.regex());
            } catch (PatternSyntaxException e) {
                LOG.warn("Invalid regex: '{}' at offset {}: {} - ignoring the regex", u.regex(), e.getIndex(),
                        e.getDescription());
            }
        }
        return new UrlSpec(u.path(), u.digest(),
                u.statusCodes().stream().map(r -> new StatusRange(r.from(), r.to())).toList(), u.virtualhost(),
                regex, u.regexNoMatch());
    }

    static HttpProtocol httpProtocol(String p) {
        if (p == null) {
            return HttpProtocol.HTTP_1_0;
        }
        return switch (p.toUpperCase(Locale.ROOT)) {
            case "1.1" -> HttpProtocol.HTTP_1_1;
            case "1.0C" -> HttpProtocol.HTTP_1_0C;
            default -> HttpProtocol.HTTP_1_0;
        };
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
