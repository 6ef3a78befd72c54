package dev.vigil.daemon.lvs;

import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.VirtualServerKey;
import java.time.Instant;
import java.util.List;

/**
 * What the checker subsystem holds now, published after every change it applies (health verdict, reload,
 * {@code ha_suspend}): immutable, so {@code vigil status} reads it from any thread and sees the quorum state the
 * IPVS side really has (hysteresis and sorry server included) rather than working it out again.
 *
 * @param virtualServers every configured virtual server, in configuration order
 */
public record CheckerSnapshot(List<VirtualServer> virtualServers) {
    /** Before the subsystem started, or when the checkers do not run. */
    public static final CheckerSnapshot EMPTY = new CheckerSnapshot(List.of());

    public CheckerSnapshot {
        virtualServers = List.copyOf(virtualServers);
    }

    /**
     * One virtual server.
     *
     * @param name              keepalived's name for it in log lines ({@code [10.0.0.1]:tcp:80}, {@code FWM 5},
     *                          {@code [group]:0})
     * @param key               the virtual server as the health checker names it
     * @param protocol          TCP, UDP or SCTP
     * @param quorumUp          keepalived's quorum state (with hysteresis): what quorum_up/quorum_down last reported
     * @param weightSum         the summed weight of the alive real servers
     * @param sorryServerActive the sorry server stands in for the real servers (quorum down)
     * @param suspended         {@code ha_suspend} holds its checkers (its address is not on this host)
     */
    public record VirtualServer(String name, VirtualServerKey key, String protocol, String scheduler, int quorum,
                                int hysteresis, boolean quorumUp, long weightSum, boolean sorryServerActive,
                                boolean suspended, List<RealServer> realServers) {
        public VirtualServer {
            realServers = List.copyOf(realServers);
        }
    }

    /**
     * One real server.
     *
     * @param weight     its effective weight (a dynamic weight when {@code misc_dynamic} or FILE_CHECK set one)
     * @param alive      all of its checkers pass
     * @param inTable    it is a destination in IPVS now (an inhibited failed server is, with weight 0; a live one
     *                   is not while the sorry server stands in)
     * @param lastChange when its health last changed, null when never since start
     * @param lastReason the checker and what it found at that change, null when none
     */
    public record RealServer(Endpoint endpoint, int weight, boolean alive, boolean inTable, Instant lastChange,
                             String lastReason) {
    }
}
