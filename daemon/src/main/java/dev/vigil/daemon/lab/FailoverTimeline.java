package dev.vigil.daemon.lab;

import dev.vigil.daemon.lab.ClientProbe.Probe;
import dev.vigil.daemon.lab.WireWatch.Advert;
import dev.vigil.daemon.lab.WireWatch.Garp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The failover, as the client's side of the network saw it: the old master's last advert, the kill, the new master's
 * first advert (the takeover), its first gratuitous ARP for the VIP, the client's first answer after the kill, and the
 * new master's alert mail; with offsets in ms from the kill and the takeover delay next to RFC 3768's
 * Master_Down_Interval. Pure: computed from what the lab recorded, so it is tested with made-up observations.
 */
record FailoverTimeline(List<Event> events, long masterDownIntervalMs, Long takeoverAfterLastAdvertMs,
                        Long clientOutageMs) {
    static final String LAST_ADVERT = "last_advert";
    static final String KILLED = "killed";
    static final String TAKEOVER = "takeover";
    static final String FIRST_GARP = "first_garp";
    static final String CLIENT_REACHABLE = "client_reachable";
    static final String MASTER_MAIL = "master_mail";

    FailoverTimeline {
        events = List.copyOf(events);
    }

    /** One point of the timeline: {@code key} (stable, for machines), offset from the kill, and what happened. */
    record Event(String key, long offsetMs, String what) {
    }

    /**
     * Everything the lab recorded around the failover (times on the {@link System#nanoTime} clock); {@code killNanos}
     * is when the old master was dead and unplugged.
     */
    record Observations(long killNanos, LabTopology.Director oldMaster, LabTopology.Director newMaster,
                        String newMasterMac, long masterDownIntervalNanos, List<Advert> adverts, List<Garp> garps,
                        List<Probe> probes, List<ReceivedMail> mails) {
    }

    static FailoverTimeline of(Observations o) {
        List<Event> events = new ArrayList<>();
        long kill = o.killNanos();
        Optional<Advert> lastOld = o.adverts().stream().filter(a -> a.source().equals(o.oldMaster().ip()))
                .filter(a -> a.atNanos() <= kill).reduce((a, b) -> b);
        lastOld.ifPresent(a -> events.add(new Event(LAST_ADVERT, ms(a.atNanos() - kill),
                "last advert from " + o.oldMaster().name() + " (" + a.source() + ", priority " + a.priority() + ")")));
        events.add(new Event(KILLED, 0, o.oldMaster().name() + " dies: daemon killed (SIGKILL), cable pulled"));
        Optional<Advert> firstNew = o.adverts().stream().filter(a -> a.atNanos() > kill)
                .filter(a -> a.source().equals(o.newMaster().ip()) && a.priority() > 0).findFirst();
        firstNew.ifPresent(a -> events.add(new Event(TAKEOVER, ms(a.atNanos() - kill),
                o.newMaster().name() + " takes over: its first advert (priority " + a.priority() + ")")));
        o.garps().stream().filter(g -> g.atNanos() > kill && g.ip().equals(LabTopology.VIP)
                        && g.mac().equalsIgnoreCase(o.newMasterMac())).findFirst()
                .ifPresent(g -> events.add(new Event(FIRST_GARP, ms(g.atNanos() - kill),
                        "first gratuitous ARP: " + g.ip() + " is at " + g.mac() + " (" + o.newMaster().name() + ")")));
        Optional<Probe> lastOkBefore = o.probes().stream().filter(p -> p.ok() && p.endNanos() <= kill)
                .reduce((a, b) -> b);
        Optional<Probe> reachable = o.probes().stream().filter(p -> reachesAgain(p, kill, o.oldMaster())).findFirst();
        reachable.ifPresent(p -> events.add(new Event(CLIENT_REACHABLE, ms(p.endNanos() - kill),
                "client reaches " + LabTopology.VIP + " again (answered by " + p.detail() + ")")));
        o.mails().stream().filter(m -> m.atNanos() > kill && m.subject().contains("[" + o.newMaster().name() + "]")
                        && m.subject().contains("Entering MASTER state")).findFirst()
                .ifPresent(m -> events.add(new Event(MASTER_MAIL, ms(m.atNanos() - kill),
                        "alert mail received: " + m.subject())));
        events.sort(Comparator.comparingLong(Event::offsetMs));
        Long takeover = lastOld.isPresent() && firstNew.isPresent()
                ? ms(firstNew.get().atNanos() - lastOld.get().atNanos()) : null;
        Long outage = lastOkBefore.isPresent() && reachable.isPresent()
                ? ms(reachable.get().endNanos() - lastOkBefore.get().endNanos()) : null;
        return new FailoverTimeline(events, ms(o.masterDownIntervalNanos()), takeover, outage);
    }

    /**
     * Whether {@code p} shows the client served again after the failure: answered, sent after the old master was
     * dead and unplugged, and (belt and braces) not by the old master itself.
     */
    static boolean reachesAgain(Probe p, long killNanos, LabTopology.Director oldMaster) {
        return p.ok() && p.startNanos() > killNanos && !p.detail().equals(oldMaster.name());
    }

    /** The event with {@code key}, if it was seen. */
    Optional<Event> event(String key) {
        return events.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The timeline as an aligned, readable table (one event a line), then the derived figures. */
    List<String> render(String oldMaster) {
        List<String> lines = new ArrayList<>();
        lines.add("Failover timeline (ms from the moment " + oldMaster + " died):");
        for (Event e : events) {
            lines.add(String.format("  %7d ms  %s", e.offsetMs(), e.what()));
        }
        for (String key : List.of(LAST_ADVERT, TAKEOVER, FIRST_GARP, CLIENT_REACHABLE, MASTER_MAIL)) {
            if (event(key).isEmpty()) {
                lines.add("  (not seen: " + key.replace('_', ' ') + ")");
            }
        }
        lines.add("  takeover " + (takeoverAfterLastAdvertMs == null ? "?" : takeoverAfterLastAdvertMs)
                + " ms after the last advert; Master_Down_Interval " + masterDownIntervalMs + " ms");
        lines.add("  client outage " + (clientOutageMs == null ? "?" : clientOutageMs)
                + " ms (last answer before the failure to first answer after it)");
        return lines;
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }
}
