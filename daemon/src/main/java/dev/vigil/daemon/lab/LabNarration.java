package dev.vigil.daemon.lab;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the lab says about the client's requests and the wire, kept readable: a line when the client's requests
 * start or stop being answered, when adverts come from another director, and per burst of gratuitous ARPs (not one
 * per packet).
 */
final class LabNarration implements WireWatch.Listener {
    private static final long GARP_BURST_GAP_NANOS = Duration.ofSeconds(1).toNanos();

    private final LabConsole console;
    private final Map<String, String> directorByMac;
    private volatile String lastAdvertiser = "";
    private volatile long lastGarpNanos;
    private volatile Boolean lastProbeOk;

    /** {@code directorByMac}: the directors' names by the MAC of their eth0, to name who sends a GARP. */
    LabNarration(LabConsole console, Map<String, String> directorByMac) {
        this.console = console;
        this.directorByMac = Map.copyOf(directorByMac);
    }

    /** A few words on what a VRRP state means in the lab. */
    static String describe(String state) {
        return switch (state) {
            case "MASTER" -> " (holds " + LabTopology.VIP + ")";
            case "BACKUP" -> " (listening to the master's adverts)";
            default -> "";
        };
    }

    /** A client request: said when the result changes between answered and not. */
    void probe(ClientProbe.Probe p) {
        Boolean before = lastProbeOk;
        lastProbeOk = p.ok();
        if (before == null || before != p.ok()) {
            console.event(p.ok() ? "client -> " + LabTopology.VIP + ": OK, answered by " + p.detail()
                    : "client -> " + LabTopology.VIP + ": FAIL (" + p.detail() + ")");
        }
    }

    @Override
    public void advert(WireWatch.Advert a) {
        if (!a.source().equals(lastAdvertiser)) {
            lastAdvertiser = a.source();
            console.event("wire: adverts now come from " + a.source() + " (" + directorAt(a.source())
                    + ", priority " + a.priority() + ")");
        }
    }

    @Override
    public void garp(WireWatch.Garp g) {
        if (g.atNanos() - lastGarpNanos > GARP_BURST_GAP_NANOS) {
            console.event("wire: gratuitous ARP, " + g.ip() + " is at " + g.mac() + " ("
                    + directorByMac.getOrDefault(g.mac(), "?") + ")");
        }
        lastGarpNanos = g.atNanos();
    }

    private static String directorAt(String ip) {
        return Stream.of(LabTopology.DIRECTOR1, LabTopology.DIRECTOR2).filter(d -> d.ip().equals(ip))
                .map(LabTopology.Director::name).findFirst().orElse("?");
    }
}
