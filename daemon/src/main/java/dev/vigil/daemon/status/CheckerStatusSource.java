package dev.vigil.daemon.status;

import dev.vigil.daemon.lvs.CheckerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The checker subsystem's part of the status: every configured virtual_server with its real servers, read from the
 * {@link CheckerSnapshot} the subsystem publishes after each change it applies. Quorum, weight sum, sorry server and
 * {@code ha_suspend} are the IPVS side's own state (hysteresis included), never worked out again here.
 */
public final class CheckerStatusSource implements StatusSource {
    private final Supplier<CheckerSnapshot> snapshot;

    /** @param snapshot the subsystem's latest snapshot ({@link CheckerSnapshot#EMPTY} when the checkers do not run) */
    public CheckerStatusSource(Supplier<CheckerSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public StatusSnapshot.Part contribute() {
        List<StatusSnapshot.VirtualServer> out = new ArrayList<>();
        for (CheckerSnapshot.VirtualServer vs : snapshot.get().virtualServers()) {
            List<StatusSnapshot.RealServer> reals = new ArrayList<>();
            for (CheckerSnapshot.RealServer rs : vs.realServers()) {
                reals.add(new StatusSnapshot.RealServer(rs.endpoint().address().getHostAddress(),
                        rs.endpoint().port(), rs.weight(), rs.alive(), rs.lastChange(), rs.lastReason(),
                        rs.inTable()));
            }
            out.add(new StatusSnapshot.VirtualServer(vs.key().toString(), vs.protocol().toUpperCase(Locale.ROOT),
                    vs.scheduler(), vs.quorum(), vs.quorumUp(), vs.weightSum(), vs.sorryServerActive(),
                    vs.suspended(), reals));
        }
        return StatusSnapshot.Part.ofVirtualServers(out);
    }
}
