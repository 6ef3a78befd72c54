package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live state of one virtual server: which real servers are alive, their effective weights, the quorum (with
 * hysteresis) and whether the sorry server stands in. Pure and single-threaded: health events in, log lines and the
 * desired destinations out (keepalived's ipwrapper.c {@code perform_svr_state} / {@code update_quorum_state}).
 */
public final class VirtualServerState {
    private final VirtualServerSpec spec;
    private final VirtualServerListener listener;
    private final Map<DestKey, RealServer> servers = new LinkedHashMap<>();
    private boolean quorumUp;
    private boolean sorryAlive;
    private boolean started;

    private static final class RealServer {
        final RealServerSpec spec;
        boolean alive;
        boolean known;
        int weight;

        RealServer(RealServerSpec spec) {
            this.spec = spec;
            this.weight = spec.weight();
        }
    }

    public VirtualServerState(VirtualServerSpec spec, VirtualServerListener listener) {
        this.spec = spec;
        this.listener = listener;
        for (RealServerSpec rs : spec.realServers()) {
            if (servers.put(rs.key(), new RealServer(rs)) != null) {
                throw new IllegalArgumentException("real server " + rs.key() + " listed twice in " + spec.name());
            }
        }
    }

    /**
     * Initial state: each real server alive unless in alpha mode (then down and "pending" until its first check),
     * then the quorum evaluation keepalived does at start: "Gained quorum ..." when the weights suffice, "Starting with
     * quorum down ..." when they do not and the sorry server is needed at once.
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        for (RealServer rs : servers.values()) {
            rs.alive = !alpha(rs.spec);
            rs.known = rs.alive;
        }
        updateQuorum(true);
    }

    /**
     * The state for a reloaded configuration of the same virtual server, as keepalived's {@code clear_diff_services}:
     * real servers kept from {@code previous} keep their alive state (and a dynamic weight; otherwise the newly
     * configured weight applies); new ones start as at start (alive unless alpha); dropped ones are logged
     * ("service X no longer exist"); the quorum state carries over and is re-evaluated (its settings may have changed).
     */
    public static VirtualServerState reload(VirtualServerSpec spec, VirtualServerState previous,
                                            VirtualServerListener listener) {
        VirtualServerState next = new VirtualServerState(spec, listener);
        next.started = true;
        for (RealServer old : previous.servers.values()) {
            if (!next.servers.containsKey(old.spec.key())) {
                listener.log("service " + previous.format(old.spec.key()) + " no longer exist");
            }
        }
        RealServerSpec oldSorry = previous.spec.sorryServer();
        boolean sameSorry = oldSorry != null && spec.sorryServer() != null
                && oldSorry.key().equals(spec.sorryServer().key());
        if (previous.sorryAlive && !sameSorry) {
            listener.log("Removing sorry server " + previous.format(oldSorry.key()) + " from VS "
                    + previous.spec.name());
        }
        next.quorumUp = previous.quorumUp;
        next.sorryAlive = sameSorry && previous.sorryAlive;
        for (RealServer rs : next.servers.values()) {
            RealServer old = previous.servers.get(rs.spec.key());
            if (old != null) {
                rs.alive = old.alive;
                rs.known = old.known;
                rs.weight = old.weight == old.spec.weight() ? rs.spec.weight() : old.weight;
            } else {
                rs.alive = !next.alpha(rs.spec);   // added silently, as at start
                rs.known = rs.alive;
            }
        }
        next.updateQuorum(true);
        return next;
    }

    /** A health-check verdict for one real server (all of its checkers up = alive). */
    public void setAlive(DestKey key, boolean alive) {
        RealServer rs = server(key);
        rs.known = true;
        if (rs.alive == alive) {
            return;
        }
        boolean inhibit = inhibit(rs.spec);
        String verb = alive ? (inhibit ? "Enabling" : "Adding") : (inhibit ? "Disabling" : "Removing");
        String preposition = inhibit ? "of" : alive ? "to" : "from";
        listener.log(verb + " service " + format(rs.spec.key()) + " " + preposition + " VS " + spec.name());
        rs.alive = alive;
        updateQuorum(false);
    }

    /** A dynamic weight change ({@code misc_dynamic}, FILE_CHECK weights). */
    public void setWeight(DestKey key, int weight) {
        RealServer rs = server(key);
        int newWeight = Math.max(0, weight);
        if (newWeight == rs.weight) {
            return;
        }
        listener.log("Changing weight from " + rs.weight + " to " + newWeight + " for " + (rs.alive ? "" : "in")
                + "active service " + format(rs.spec.key()) + " of VS " + spec.name());
        rs.weight = newWeight;
        updateQuorum(false);
    }

    private void updateQuorum(boolean init) {
        long sum = weightSum();
        long threshold = spec.quorum() + (quorumUp ? -1L : 1L) * spec.hysteresis();
        RealServerSpec sorry = spec.sorryServer();
        if (!quorumUp && sum >= threshold) {
            quorumUp = true;
            listener.log("Gained quorum " + spec.quorum() + "+" + spec.hysteresis() + "=" + threshold + " <= " + sum
                    + " for VS " + spec.name());
            if (sorryAlive) {
                listener.log((spec.sorryServerInhibit() ? "Disabling" : "Removing") + " sorry server "
                        + format(sorry.key()) + " from VS " + spec.name());
                sorryAlive = false;
                listener.log("Adding alive servers to the pool for VS " + spec.name());
            }
            listener.quorumChanged(spec, true, init);
        } else if (quorumUp && (sum == 0 || sum < threshold) || init && !quorumUp && sorry != null && !sorryAlive) {
            quorumUp = false;
            listener.log((init ? "Starting with quorum down" : "Lost quorum") + " " + spec.quorum() + "-"
                    + spec.hysteresis() + "=" + threshold + " > " + sum + " for VS " + spec.name());
            if (sorry != null && !sorryAlive) {
                listener.log((spec.sorryServerInhibit() ? "Enabling" : "Adding") + " sorry server "
                        + format(sorry.key()) + " to VS " + spec.name());
                listener.log("Removing alive servers from the pool for VS " + spec.name());
                sorryAlive = true;
            }
            listener.quorumChanged(spec, false, init);
        }
    }

    /** Sum of the effective weights of the alive real servers. */
    public long weightSum() {
        long sum = 0;
        for (RealServer rs : servers.values()) {
            if (rs.alive) {
                sum += rs.weight;
            }
        }
        return sum;
    }

    public boolean quorumUp() {
        return quorumUp;
    }

    public boolean alive(DestKey key) {
        return server(key).alive;
    }

    public VirtualServerSpec spec() {
        return spec;
    }

    /** True while the sorry server replaces the real servers (quorum down and a sorry server configured). */
    public boolean sorryServerActive() {
        return sorryAlive;
    }

    /**
     * The destinations IPVS should hold for this virtual server now. A failed real server is absent, or present with
     * weight 0 under inhibit_on_failure; while the sorry server stands in, every real server is treated as failed.
     */
    public List<IpvsDest> desiredDests() {
        boolean sorryActive = sorryServerActive();
        Map<DestKey, IpvsDest> dests = new LinkedHashMap<>();
        for (RealServer rs : servers.values()) {
            boolean serving = rs.alive && !sorryActive;
            if (serving || inhibit(rs.spec)) {
                dests.put(rs.spec.key(), dest(rs.spec, serving ? rs.weight : 0));
            }
        }
        RealServerSpec sorry = spec.sorryServer();
        if (sorry != null && !dests.containsKey(sorry.key()) && (sorryActive || spec.sorryServerInhibit())) {
            dests.put(sorry.key(), dest(sorry, sorryActive ? Math.max(0, sorry.weight()) : 0));
        }
        return List.copyOf(dests.values());
    }

    /** Real servers whose health is not known yet (alpha mode before the first check): adoption leaves them alone. */
    public Set<DestKey> pendingDests() {
        Set<DestKey> pending = new LinkedHashSet<>();
        for (RealServer rs : servers.values()) {
            if (!rs.known) {
                pending.add(rs.spec.key());
            }
        }
        return pending;
    }

    /** One IPVS service (with the same destinations) per key of this virtual server. */
    public List<VirtualService> desiredServices() {
        List<IpvsDest> dests = desiredDests();
        List<VirtualService> out = new ArrayList<>(spec.keys().size());
        for (ServiceKey key : spec.keys()) {
            out.add(new VirtualService(spec.serviceFor(key), dests));
        }
        return out;
    }

    private IpvsDest dest(RealServerSpec rs, int weight) {
        ForwardMethod fwd = rs.forward() != null ? rs.forward() : spec.forward();
        return new IpvsDest(rs.address(), rs.port(), fwd, weight, rs.upperThreshold(), rs.lowerThreshold(),
                rs.tunnel() != null ? rs.tunnel() : spec.tunnel());
    }

    private boolean inhibit(RealServerSpec rs) {
        return rs.inhibitOnFailure() != null ? rs.inhibitOnFailure() : spec.inhibitOnFailure();
    }

    private boolean alpha(RealServerSpec rs) {
        return rs.alpha() != null ? rs.alpha() : spec.alpha();
    }

    private RealServer server(DestKey key) {
        RealServer rs = servers.get(key);
        if (rs == null) {
            throw new IllegalArgumentException("no real server " + key + " in VS " + spec.name());
        }
        return rs;
    }

    /** keepalived's FMT_RS: the real server's address and port with the virtual server's protocol. */
    private String format(DestKey key) {
        return "[" + dev.vigil.ipvs.model.Addresses.text(key.address()) + "]:" + spec.protocol().keepalivedName() + ":"
                + key.port();
    }
}
