package dev.vigil.daemon.status;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.healthchecker.ConfCheckers;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.healthchecker.VirtualServerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The checker subsystem's part of the status: every configured virtual_server with its real servers' current health,
 * read from the health checker's published per-server states (never from its event loop).
 *
 * <p>{@code quorumUp} is the instantaneous rule (weight of healthy real servers ≥ quorum); the IPVS side applies
 * keepalived's hysteresis on top, so around the threshold the table may lag this view by design.
 */
public final class CheckerStatusSource implements StatusSource {
    private final Supplier<KeepalivedConfig> config;
    private final Supplier<List<RealServerStatus>> health;

    public CheckerStatusSource(Supplier<KeepalivedConfig> config, Supplier<List<RealServerStatus>> health) {
        this.config = config;
        this.health = health;
    }

    @Override
    public StatusSnapshot.Part contribute() {
        List<RealServerStatus> all = health.get();
        if (all.isEmpty()) {
            return StatusSnapshot.Part.ofVirtualServers(List.of()); // the checkers do not run here
        }
        List<StatusSnapshot.VirtualServer> out = new ArrayList<>();
        for (VirtualServer vs : config.get().virtualServers()) {
            VirtualServerKey key = ConfCheckers.key(vs);
            List<StatusSnapshot.RealServer> reals = new ArrayList<>();
            int healthyWeight = 0;
            for (RealServerStatus rs : all) {
                if (!rs.vs().equals(key)) {
                    continue;
                }
                if (rs.alive()) {
                    healthyWeight += rs.weight();
                }
                reals.add(new StatusSnapshot.RealServer(rs.rs().address().getHostAddress(), rs.rs().port(),
                        rs.weight(), rs.alive(), null, failingDetail(rs)));
            }
            out.add(new StatusSnapshot.VirtualServer(key.toString(), vs.protocol(), vs.scheduler(), vs.quorum(),
                    healthyWeight > 0 && healthyWeight >= vs.quorum(), reals));
        }
        return StatusSnapshot.Part.ofVirtualServers(out);
    }

    /** The first failing checker and what it found, or null while every checker is up. */
    private static String failingDetail(RealServerStatus rs) {
        return rs.checkers().stream().filter(c -> !c.up()).findFirst()
                .map(c -> c.checker() + (c.lastDetail() == null ? "" : ": " + c.lastDetail())).orElse(null);
    }
}
