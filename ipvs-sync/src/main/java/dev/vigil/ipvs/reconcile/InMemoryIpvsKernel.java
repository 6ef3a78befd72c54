package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.netlink.IpvsGenl;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IPVS table that lives in memory only ({@code vigil.checkers.ipvs = none}): the health checkers run and their
 * verdicts change this table instead of the kernel's, for a host without IPVS (benchmarks, test benches). Operations
 * the kernel would refuse are refused with the kernel's errno; the sync daemon is accepted and does nothing.
 * Thread-safe (the checker subsystem uses it from one thread, {@code vigil status} reads it from another).
 */
public final class InMemoryIpvsKernel implements IpvsKernel, SyncDaemonKernel {
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EEXIST = 17;

    private final Map<ServiceKey, IpvsService> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<DestKey, IpvsDest>> dests = new LinkedHashMap<>();
    private IpvsTimeouts timeouts = new IpvsTimeouts(900, 120, 300); // the kernel's defaults

    @Override
    public synchronized IpvsTable table() {
        List<VirtualService> out = new ArrayList<>();
        services.forEach((k, s) -> out.add(new VirtualService(s, List.copyOf(dests.get(k).values()))));
        return new IpvsTable(out);
    }

    @Override
    public synchronized void apply(IpvsOperation op) throws IpvsException {
        ServiceKey key = op.service() == null ? null : op.service().key();
        Map<DestKey, IpvsDest> ofService = key == null ? null : dests.get(key);
        switch (op.kind()) {
            case FLUSH -> {
                services.clear();
                dests.clear();
            }
            case NEW_SERVICE -> {
                require(ofService == null, IpvsGenl.CMD_NEW_SERVICE, EEXIST, op);
                services.put(key, op.service());
                dests.put(key, new LinkedHashMap<>());
            }
            case SET_SERVICE -> {
                require(ofService != null, IpvsGenl.CMD_SET_SERVICE, ESRCH, op);
                services.put(key, op.service());
            }
            case DEL_SERVICE -> {
                require(ofService != null, IpvsGenl.CMD_DEL_SERVICE, ESRCH, op);
                services.remove(key);
                dests.remove(key);
            }
            case NEW_DEST -> {
                require(ofService != null, IpvsGenl.CMD_NEW_DEST, ESRCH, op);
                require(!ofService.containsKey(op.dest().key()), IpvsGenl.CMD_NEW_DEST, EEXIST, op);
                ofService.put(op.dest().key(), op.dest());
            }
            case SET_DEST -> {
                require(ofService != null, IpvsGenl.CMD_SET_DEST, ESRCH, op);
                require(ofService.containsKey(op.dest().key()), IpvsGenl.CMD_SET_DEST, ENOENT, op);
                ofService.put(op.dest().key(), op.dest());
            }
            case DEL_DEST -> {
                require(ofService != null, IpvsGenl.CMD_DEL_DEST, ESRCH, op);
                require(ofService.remove(op.dest().key()) != null, IpvsGenl.CMD_DEL_DEST, ENOENT, op);
            }
        }
    }

    private static void require(boolean ok, int command, int errno, IpvsOperation op) throws IpvsException {
        if (!ok) {
            throw new IpvsException(command, errno, op.toString(), null);
        }
    }

    @Override
    public synchronized IpvsTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public synchronized void setTimeouts(IpvsTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public void startDaemon(SyncDaemonConfig config) {
        // no kernel, no sync daemon
    }

    @Override
    public void stopDaemon(SyncDaemonConfig.State state) {
        // no kernel, no sync daemon
    }
}
