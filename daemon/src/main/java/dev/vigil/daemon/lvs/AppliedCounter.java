package dev.vigil.daemon.lvs;

import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.ForwardingIpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.notify.events.EventLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An {@link IpvsKernel} that counts what each batch changed and reports it as one {@code ipvs.applied} event, so the
 * event log shows every table change without the manager knowing about events.
 */
final class AppliedCounter extends ForwardingIpvsKernel {
    AppliedCounter(IpvsKernel kernel) {
        super(kernel);
    }

    @Override
    public List<IpvsException> applyAll(List<IpvsOperation> ops) throws IOException {
        if (ops.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<IpvsException> failures = super.applyAll(ops);
        int added = 0;
        int removed = 0;
        int updated = 0;
        for (IpvsOperation op : ops) {
            switch (op.kind()) {
                case NEW_SERVICE, NEW_DEST -> added++;
                case DEL_SERVICE, DEL_DEST, FLUSH -> removed++;
                case SET_SERVICE, SET_DEST -> updated++;
                default -> throw new IllegalStateException(op.kind().name());
            }
        }
        EventLog.emit("ipvs.applied", Map.of("added", added, "removed", removed, "updated", updated,
                "failed", failures.size(), "duration_ms", (System.nanoTime() - start) / 1_000_000));
        return failures;
    }
}
