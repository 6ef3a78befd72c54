package dev.vigil.ipvs;

import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.netlink.IpvsGenl;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.TableSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An in-memory kernel for {@link IpvsManager} tests: records operations, refuses what the kernel would refuse. */
public final class FakeIpvsKernel implements IpvsKernel {
    public IpvsTable table = IpvsTable.EMPTY;
    IpvsTimeouts timeouts = new IpvsTimeouts(900, 120, 300);
    public final List<String> ops = new ArrayList<>();
    public Predicate<IpvsOperation> refuse = op -> false;

    @Override
    public IpvsTable table() {
        return table;
    }

    @Override
    public void apply(IpvsOperation op) throws IpvsException {
        ops.add(op.toString());
        int cmd = switch (op.kind()) {
            case NEW_SERVICE -> IpvsGenl.CMD_NEW_SERVICE;
            case SET_SERVICE -> IpvsGenl.CMD_SET_SERVICE;
            case DEL_SERVICE -> IpvsGenl.CMD_DEL_SERVICE;
            case NEW_DEST -> IpvsGenl.CMD_NEW_DEST;
            case SET_DEST -> IpvsGenl.CMD_SET_DEST;
            case DEL_DEST -> IpvsGenl.CMD_DEL_DEST;
            case FLUSH -> IpvsGenl.CMD_FLUSH;
        };
        if (refuse.test(op)) {
            throw new IpvsException(cmd, 22, op.toString(), null);
        }
        try {
            table = TableSimulator.apply(table, List.of(op));
        } catch (IllegalStateException e) {
            throw new IpvsException(cmd, e.getMessage().endsWith("EEXIST") ? 17 : 2, op.toString(), e);
        }
    }

    @Override
    public IpvsTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public void setTimeouts(IpvsTimeouts t) {
        timeouts = t;
    }
}
