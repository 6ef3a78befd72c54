package dev.vigil.daemon.lvs;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.healthchecker.ConfCheckers;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.RealServerHealthChanged;
import dev.vigil.healthchecker.VirtualServerKey;
import dev.vigil.ipvs.config.VirtualServerListener;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.events.EventLog;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.CheckVerdict;
import dev.vigil.notify.mail.CheckerKind;
import dev.vigil.notify.mail.QuorumChange;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker side's outputs: a real server's change runs its {@code notify_up}/{@code notify_down}, writes the LVS
 * FIFO line, mails (per {@code smtp_alert}) and emits {@code check.realserver_up/down}; a quorum change runs
 * {@code quorum_up}/{@code quorum_down}, the FIFO line, the VS mail and {@code check.quorum_change}. Also the
 * {@link VirtualServerListener} of the IPVS manager (keepalived's log lines go to SLF4J).
 */
final class CheckerNotifier implements VirtualServerListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.ipvs");

    private final NotifyDispatcher dispatcher;
    private final Clock clock;
    private volatile Scripts scripts;
    private Function<String, VirtualServerState> states = name -> null;

    /** Per-server notify settings of one configuration. */
    private record Scripts(KeepalivedConfig config, Map<String, VirtualServer> byName,
                           Map<RsKey, RealServer> realServers) {
    }

    private record RsKey(VirtualServerKey vs, Endpoint rs) {
    }

    CheckerNotifier(NotifyDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The configuration whose scripts apply, with the spec name of each of its virtual servers (same order). */
    void update(KeepalivedConfig config, java.util.List<VirtualServerSpec> specs) {
        Map<String, VirtualServer> byName = new HashMap<>();
        Map<RsKey, RealServer> realServers = new LinkedHashMap<>();
        for (int i = 0; i < config.virtualServers().size(); i++) {
            VirtualServer vs = config.virtualServers().get(i);
            byName.put(specs.get(i).name(), vs);
            VirtualServerKey key = ConfCheckers.key(vs);
            for (RealServer rs : vs.realServers()) {
                realServers.putIfAbsent(new RsKey(key, new Endpoint(rs.address(), rs.port(), protocol(vs))), rs);
            }
        }
        scripts = new Scripts(config, byName, realServers);
    }

    /** Where quorum mails read the live weight sum. */
    void states(Function<String, VirtualServerState> lookup) {
        states = lookup;
    }

    /** A real server's aliveness changed (called on the IPVS thread after the table was updated). */
    void realServerChanged(RealServerHealthChanged e) {
        String vs = e.vs().toString();
        String rs = e.rs().toString();
        RealServer conf = scripts.realServers().get(new RsKey(e.vs(), e.rs()));
        ScriptCommand script = conf == null ? null : command(e.up() ? conf.notifyUp() : conf.notifyDown());
        dispatcher.realServerState(rs, vs, e.up(), script, false);
        CheckerKind kind = kind(e.checker());
        if (kind != null && dispatcher.policy().mailCheckerChange(conf == null ? null : Boolean.valueOf(conf.smtpAlert()), kind, true,
                true)) {
            CheckVerdict verdict = e.up() ? CheckVerdict.SUCCEEDED
                    : e.detail() != null && e.detail().contains("timed out") ? CheckVerdict.TIMED_OUT
                    : CheckVerdict.FAILED;
            dispatcher.mail(AlertMessage.realServerCheck(dispatcher.routerId(), rs, vs, e.up(), kind, verdict,
                    e.detail(), clock.instant()));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("vs", vs);
        fields.put("rs", rs);
        fields.put("checker", kind == null ? e.checker() : kind.name());
        if (e.detail() != null) {
            fields.put("detail", e.detail());
        }
        if (e.up()) {
            EventLog.emit("check.realserver_up", fields, e.detail());
        } else {
            EventLog.emit("check.realserver_down", fields, e.detail());
        }
    }

    /** The configuration in force (the last {@link #update}). */
    KeepalivedConfig config() {
        return scripts.config();
    }

    /** The configuration of a real server of the current configuration, or null. */
    RealServer realServer(VirtualServerKey vs, Endpoint rs) {
        return scripts.realServers().get(new RsKey(vs, rs));
    }

    /**
     * A live real server leaves IPVS at reload (its virtual server or itself dropped: {@code => Removing <=}) or at
     * shutdown with {@code omega} ({@code => Shutting down <=}): keepalived's clear_service_rs() runs its
     * notify_down (killed after 1 s when stopping), writes the FIFO line and mails per the real server's
     * {@code smtp_alert}. Returns when its script ended.
     */
    CompletableFuture<Void> realServerRemoved(VirtualServerKey vs, Endpoint rs, RealServer conf,
                                              boolean shuttingDown) {
        CompletableFuture<Void> done = dispatcher.realServerState(rs.toString(), vs.toString(), false,
                conf == null ? null : command(conf.notifyDown()), shuttingDown);
        if (conf != null && dispatcher.policy().realServerAlerts(conf.smtpAlert())) {
            dispatcher.mail(AlertMessage.realServerRemoved(dispatcher.routerId(), rs.toString(), vs.toString(),
                    shuttingDown, clock.instant()));
        }
        EventLog.emit("check.realserver_down", Map.of("vs", vs.toString(), "rs", rs.toString(),
                "reason", shuttingDown ? "shutdown" : "removed"));
        return done;
    }

    /**
     * A virtual server goes down with Vigil ({@code omega}): quorum_down (killed after 1 s), the FIFO line and, per
     * its {@code smtp_alert}, {@code => Shutting down <=} (keepalived's do_vs_notifies() when stopping).
     */
    CompletableFuture<Void> virtualServerShutdown(VirtualServer vs, long weightSum) {
        String name = ConfCheckers.key(vs).toString();
        AlertMessage mail = dispatcher.policy().virtualServerAlerts(vs.smtpAlert())
                ? AlertMessage.virtualServerShutdown(dispatcher.routerId(), name, clock.instant()) : null;
        CompletableFuture<Void> done = dispatcher.virtualServerQuorum(name, false, command(vs.quorumDown()), true,
                mail);
        EventLog.emit("check.quorum_change", Map.of("vs", name, "up", false, "quorum", vs.quorum(),
                "hysteresis", vs.hysteresis(), "weight_sum", weightSum, "reason", "shutdown"));
        return done;
    }

    /**
     * A virtual server with quorum was removed at reload: its live servers left, so it loses quorum (keepalived's
     * update_vs_notifies(): quorum_down, the FIFO line, {@code => Lost quorum q+h=T <= 0 <=}).
     */
    void virtualServerRemoved(VirtualServer vs) {
        String name = ConfCheckers.key(vs).toString();
        long threshold = vs.quorum() - vs.hysteresis();
        AlertMessage mail = dispatcher.policy().virtualServerAlerts(vs.smtpAlert())
                ? AlertMessage.virtualServerQuorum(dispatcher.routerId(), name, QuorumChange.LOST, vs.quorum(),
                vs.hysteresis(), threshold, 0, clock.instant())
                : null;
        dispatcher.virtualServerQuorum(name, false, command(vs.quorumDown()), false, mail);
        EventLog.emit("check.quorum_change", Map.of("vs", name, "up", false, "quorum", vs.quorum(),
                "hysteresis", vs.hysteresis(), "weight_sum", 0, "reason", "removed"));
    }

    @Override
    public void log(String line) {
        LOG.info("{}", line);
    }

    @Override
    public void quorumChanged(VirtualServerSpec spec, boolean up, boolean atStart) {
        VirtualServer vs = scripts.byName().get(spec.name());
        if (vs == null) {
            return;
        }
        String name = ConfCheckers.key(vs).toString();
        VirtualServerState state = states.apply(spec.name());
        long weightSum = state == null ? 0 : state.weightSum();
        long threshold = up ? vs.quorum() + vs.hysteresis() : vs.quorum() - vs.hysteresis();
        QuorumChange change = atStart ? (up ? QuorumChange.STARTING_UP : QuorumChange.STARTING_DOWN)
                : up ? QuorumChange.GAINED : QuorumChange.LOST;
        AlertMessage mail = dispatcher.policy().virtualServerAlerts(vs.smtpAlert())
                ? AlertMessage.virtualServerQuorum(dispatcher.routerId(), name, change, vs.quorum(), vs.hysteresis(),
                threshold, weightSum, clock.instant())
                : null;
        // keepalived runs quorum_up/quorum_down on changes, and quorum_down also when starting without quorum
        if (!atStart || !up) {
            dispatcher.virtualServerQuorum(name, up, command(up ? vs.quorumUp() : vs.quorumDown()), false, mail);
        }
        EventLog.emit("check.quorum_change", Map.of("vs", name, "up", up, "quorum", vs.quorum(),
                "hysteresis", vs.hysteresis(), "weight_sum", weightSum));
    }

    /** healthchecker's checker names (TCP_CHECK, HTTP_GET ...) as notify's kinds; null when unknown. */
    static CheckerKind kind(String checker) {
        if (checker == null) {
            return null;
        }
        String base = checker.toUpperCase(Locale.ROOT).replace("_CHECK", "").replace("_GET", "");
        try {
            return CheckerKind.valueOf(base);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Endpoint.Protocol protocol(VirtualServer vs) {
        return vs.protocol() == null ? Endpoint.Protocol.TCP
                : Endpoint.Protocol.valueOf(vs.protocol().toUpperCase(Locale.ROOT));
    }

    private static ScriptCommand command(NotifyScript s) {
        return s == null ? null : ScriptCommand.parse(s.command(), s.user(), s.group());
    }
}
