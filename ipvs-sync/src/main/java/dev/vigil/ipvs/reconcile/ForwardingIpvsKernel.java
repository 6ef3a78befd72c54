package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.netlink.IpvsException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * An {@link IpvsKernel} that passes every call to another one: the base of decorators that change one or two
 * calls (gating writes, counting changes) and override only those. Every method, the defaults included, is
 * forwarded, so the kernel's own batched {@link #applyAll} and selective {@link #table(Collection)} stay in use.
 */
public abstract class ForwardingIpvsKernel implements IpvsKernel {
    private final IpvsKernel kernel;

    protected ForwardingIpvsKernel(IpvsKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public IpvsTable table() throws IOException {
        return kernel.table();
    }

    @Override
    public IpvsTable table(Collection<ServiceKey> keys) throws IOException {
        return kernel.table(keys);
    }

    @Override
    public void apply(IpvsOperation op) throws IOException {
        kernel.apply(op);
    }

    @Override
    public List<IpvsException> applyAll(List<IpvsOperation> ops) throws IOException {
        return kernel.applyAll(ops);
    }

    @Override
    public IpvsTimeouts timeouts() throws IOException {
        return kernel.timeouts();
    }

    @Override
    public void setTimeouts(IpvsTimeouts timeouts) throws IOException {
        kernel.setTimeouts(timeouts);
    }
}
