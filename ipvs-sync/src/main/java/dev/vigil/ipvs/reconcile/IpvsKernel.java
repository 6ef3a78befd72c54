package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.netlink.IpvsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What the {@link dev.vigil.ipvs.IpvsManager} needs from the kernel (implemented by the netlink client). */
public interface IpvsKernel {
    /** The whole table. */
    IpvsTable table() throws IOException;

    /** Only the given services (absent ones are left out); implementations may read just those. */
    default IpvsTable table(Collection<ServiceKey> keys) throws IOException {
        Set<ServiceKey> wanted = Set.copyOf(keys);
        return new IpvsTable(table().services().stream().filter(s -> wanted.contains(s.key())).toList());
    }

    /** Applies one operation; a kernel refusal is an {@link IpvsException}. */
    void apply(IpvsOperation op) throws IOException;

    IpvsTimeouts timeouts() throws IOException;

    void setTimeouts(IpvsTimeouts timeouts) throws IOException;

    /** Applies every operation, continuing past refusals; returns the refusals (empty when all applied). */
    default List<IpvsException> applyAll(List<IpvsOperation> ops) throws IOException {
        List<IpvsException> failures = new ArrayList<>();
        for (IpvsOperation op : ops) {
            try {
                apply(op);
            } catch (IpvsException e) {
                failures.add(e);
            }
        }
        return failures;
    }
}
