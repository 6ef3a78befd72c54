package dev.vigil.ipvs;

import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.config.VirtualServerListener;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.IpvsReconciler;
import dev.vigil.ipvs.reconcile.StopPolicy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the kernel's IPVS table in step with the configured virtual servers and their real servers' health: the
 * entry point the checker side of the daemon calls. Every change is a diff of the affected services only, so a
 * health event costs a few netlink messages whatever the table's size. Single-threaded: call from one event loop.
 *
 * <p>Kernel refusals never stop the manager: they are logged (keepalived's "IPVS cmd ... error" line) and returned.
 */
public final class IpvsManager {
    private final IpvsKernel kernel;
    private final VirtualServerListener listener;
    private final Map<String, VirtualServerState> servers = new LinkedHashMap<>();
    private final Set<ServiceKey> managed = new LinkedHashSet<>();
    private IpvsTimeouts originalTimeouts;

    public IpvsManager(IpvsKernel kernel, VirtualServerListener listener) {
        this.kernel = kernel;
        this.listener = listener;
    }

    /**
     * Start: {@code lvs_flush} empties the table first (otherwise the running table is adopted); {@code lvs_timeouts}
     * (nullable) is applied after remembering the kernel's values, which {@link #stop} restores.
     */
    public List<IpvsException> start(List<VirtualServerSpec> specs, boolean lvsFlush, IpvsTimeouts lvsTimeouts)
            throws IOException {
        if (!servers.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        if (lvsTimeouts != null) {
            originalTimeouts = kernel.timeouts();
            kernel.setTimeouts(lvsTimeouts);
        }
        for (VirtualServerSpec spec : specs) {
            VirtualServerState state = new VirtualServerState(spec, listener);
            putUnique(state);
            state.start();
        }
        DesiredTable desired = DesiredTable.of(servers.values());
        List<IpvsOperation> ops = IpvsReconciler.start(desired, lvsFlush ? kernel.table() : kernel.table(keys()),
                lvsFlush);
        managed.addAll(keys());
        return kernel.applyAll(ops);
    }

    /** A real server's health verdict (all its checkers up = alive). */
    public List<IpvsException> setAlive(String virtualServer, DestKey realServer, boolean alive) throws IOException {
        VirtualServerState state = state(virtualServer);
        state.setAlive(realServer, alive);
        return reconcile(List.of(state), List.of());
    }

    /** A dynamic weight ({@code misc_dynamic}, track-file weights). */
    public List<IpvsException> setWeight(String virtualServer, DestKey realServer, int weight) throws IOException {
        VirtualServerState state = state(virtualServer);
        state.setWeight(realServer, weight);
        return reconcile(List.of(state), List.of());
    }

    /**
     * A new configuration: virtual servers that stay keep their real servers' state, removed ones are deleted
     * ("Removing Virtual Server X"), new ones are built.
     */
    public List<IpvsException> reload(List<VirtualServerSpec> specs) throws IOException {
        Map<String, VirtualServerState> previous = new LinkedHashMap<>(servers);
        servers.clear();
        for (VirtualServerSpec spec : specs) {
            VirtualServerState old = previous.remove(spec.name());
            VirtualServerState state;
            if (old == null) {
                state = new VirtualServerState(spec, listener);
                putUnique(state);
                state.start();
            } else {
                state = VirtualServerState.reload(spec, old, listener);
                putUnique(state);
            }
        }
        for (VirtualServerState gone : previous.values()) {
            listener.log(gone.spec().groupName() != null ? "Removing Virtual Server Group [" + gone.spec().groupName()
                    + "]" : "Removing Virtual Server " + gone.spec().name());
        }
        Set<ServiceKey> retired = new LinkedHashSet<>(managed);
        retired.removeAll(keys());
        List<IpvsException> failures = reconcile(servers.values(), retired);
        managed.clear();
        managed.addAll(keys());
        return failures;
    }

    /** Shutdown per {@link StopPolicy}, then the original {@code lvs_timeouts} values come back. */
    public List<IpvsException> stop(StopPolicy policy) throws IOException {
        List<IpvsException> failures = kernel.applyAll(IpvsReconciler.stop(managed, kernel.table(managed), policy));
        if (originalTimeouts != null) {
            kernel.setTimeouts(originalTimeouts);
            originalTimeouts = null;
        }
        if (policy != StopPolicy.DONT_RELEASE) {
            managed.clear();
        }
        return failures;
    }

    public VirtualServerState state(String virtualServer) {
        VirtualServerState s = servers.get(virtualServer);
        if (s == null) {
            throw new IllegalArgumentException("no virtual server " + virtualServer);
        }
        return s;
    }

    /** The IPVS services Vigil manages now (and removes at stop). */
    public Set<ServiceKey> managed() {
        return Set.copyOf(managed);
    }

    private List<IpvsException> reconcile(Collection<VirtualServerState> states, Collection<ServiceKey> retired)
            throws IOException {
        List<ServiceKey> keys = new ArrayList<>(retired);
        states.forEach(s -> keys.addAll(s.spec().keys()));
        DesiredTable desired = DesiredTable.of(states);
        return kernel.applyAll(IpvsReconciler.diff(desired, kernel.table(keys), retired));
    }

    private void putUnique(VirtualServerState state) {
        if (servers.putIfAbsent(state.spec().name(), state) != null) {
            throw new IllegalArgumentException("virtual server " + state.spec().name() + " configured twice");
        }
    }

    private List<ServiceKey> keys() {
        List<ServiceKey> keys = new ArrayList<>();
        servers.values().forEach(s -> keys.addAll(s.spec().keys()));
        return keys;
    }
}
