package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.DnsProbe;
import dev.vigil.healthchecker.probe.FileProbe;
import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.HttpProbe;
import dev.vigil.healthchecker.probe.IcmpPinger;
import dev.vigil.healthchecker.probe.MiscProbe;
import dev.vigil.healthchecker.probe.PingProbe;
import dev.vigil.healthchecker.probe.Probe;
import dev.vigil.healthchecker.probe.ProbeTarget;
import dev.vigil.healthchecker.probe.SmtpProbe;
import dev.vigil.healthchecker.probe.TcpProbe;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.probe.UdpProbe;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.DnsCheck;
import dev.vigil.healthchecker.spec.FileCheck;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.PingCheck;
import dev.vigil.healthchecker.spec.SmtpCheck;
import dev.vigil.healthchecker.spec.SslGet;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.healthchecker.spec.UdpCheck;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.linux.process.ScriptSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Turns a checker spec for a real server into its probe and its keepalived messages. */
final class ProbeFactory {

    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.healthchecker");

    /** A probe with the messages that describe it. */
    record Built(Probe probe, CheckerMessages messages) {
    }

    private final Transport transport;
    private final HttpFetcher httpFetcher;
    private final ScriptRunner scripts;
    private final Executor blocking;
    private final Supplier<IcmpPinger> pinger;
    private final String defaultHeloName;

    ProbeFactory(Transport transport, HttpFetcher httpFetcher, ScriptRunner scripts, Executor blocking,
                 Supplier<IcmpPinger> pinger, String defaultHeloName) {
        this.pinger = pinger;
        this.transport = transport;
        this.httpFetcher = httpFetcher;
        this.scripts = scripts;
        this.blocking = blocking;
        this.defaultHeloName = defaultHeloName;
    }

    /** Returns null for a checker keepalived would disable at load (a missing, non-executable or unsafe script). */
    Built build(VirtualServerKey vs, Endpoint rs, int weight, CheckerSpec spec) {
        if (spec instanceof MiscCheck m && !miscScriptUsable(m)) {
            return null;
        }
        CheckCommon c = spec.common();
        InetAddress ip = c.connectIp() != null ? c.connectIp() : rs.address();
        int port = c.connectPort() != 0 ? c.connectPort() : rs.port();
        boolean udp = spec instanceof UdpCheck || spec instanceof DnsCheck;
        Endpoint chk = new Endpoint(ip, port, udp ? Endpoint.Protocol.UDP : Endpoint.Protocol.TCP);
        InetSocketAddress local = c.bindTo() != null ? new InetSocketAddress(c.bindTo(), c.bindPort())
                : c.bindPort() != 0 ? new InetSocketAddress(c.bindPort()) : null;
        ProbeTarget target = new ProbeTarget(new InetSocketAddress(ip, port), local, c.connectTimeout());
        CheckerMessages messages = spec instanceof MiscCheck m
                ? CheckerMessages.misc(rs.toString(), vs.toString(), firstWord(m.miscPath()))
                : CheckerMessages.forKind(spec.kind(), chk.toString());
        return new Built(probe(spec, target, chk, weight), messages);
    }

    private Probe probe(CheckerSpec spec, ProbeTarget target, Endpoint chk, int weight) {
        // Java 17: no pattern matching for switch yet
        if (spec instanceof TcpCheck) {
            return new TcpProbe(transport, target);
        } else if (spec instanceof HttpGet h) {
            return new HttpProbe(httpFetcher, h, target, chk.toString());
        } else if (spec instanceof SslGet s) {
            return new HttpProbe(httpFetcher, s, target, chk.toString());
        } else if (spec instanceof SmtpCheck s) {
            return new SmtpProbe(transport, target, s.heloName() != null ? s.heloName() : defaultHeloName);
        } else if (spec instanceof DnsCheck d) {
            return new DnsProbe(transport, target, d.type(), d.name());
        } else if (spec instanceof UdpCheck u) {
            return new UdpProbe(transport, target, u);
        } else if (spec instanceof PingCheck) {
            return new PingProbe(target, pinger, blocking);
        } else if (spec instanceof FileCheck f) {
            return new FileProbe(f);
        } else {
            return miscProbe((MiscCheck) spec, weight);
        }

    }

    private Probe miscProbe(MiscCheck m, int weight) {
        // build() has already parsed and checked the script
        ScriptCommand command = ScriptCommand.parse(m.miscPath(), m.user(), m.group());
        return new MiscProbe(scripts, command, m.effectiveTimeout(), m.dynamic(), weight);
    }

    /** keepalived's load-time check of a MISC_CHECK script (check_misc.c {@code misc_check_init()}). */
    private boolean miscScriptUsable(MiscCheck m) {
        ScriptCommand command;
        try {
            command = ScriptCommand.parse(m.miscPath(), m.user(), m.group());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} - ignoring MISC_CHECK", e.getMessage());
            return false;
        }
        ScriptSecurity.Verdict verdict = ScriptSecurity.evaluate(command, scripts.defaultUser(),
                scripts.scriptSecurity());
        verdict.warnings().forEach(LOG::warn);
        if (verdict.runnable()) {
            return true;
        }
        LOG.warn(verdict.disabledReason());
        LOG.warn(verdict.insecure() ? "Disabling misc script {} due to insecure"
                : "Disabling misc script {} since not found/accessible", command.commandLine());
        return false;
    }

    private static String firstWord(String script) {
        try {
            return ScriptCommand.parse(script).program();
        } catch (IllegalArgumentException e) {
            return script;
        }
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
