package dev.vigil.daemon.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshot fixtures for the renderer and server tests. */
final class Snapshots {
    static final Instant STARTED = Instant.parse("2026-11-21T05:38:14Z");
    static final Instant CHANGED = Instant.parse("2026-11-21T05:38:26.848810Z");

    private Snapshots() {
    }

    static Map<String, Long> counters(long received, long sent, long becameMaster, long authFailure) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("ADVERT_RECEIVED", received);
        c.put("ADVERT_SENT", sent);
        c.put("BECAME_MASTER", becameMaster);
        c.put("AUTH_FAILURE", authFailure);
        return c;
    }

    static StatusSnapshot.Instance master() {
        return new StatusSnapshot.Instance("VI_1", "eth0", 51, "MASTER", 150, 150, "10.77.0.2",
                List.of("10.77.0.100", "10.77.0.101"), true, CHANGED, "no advert received for 3 intervals", null,
                counters(0, 3, 1, 0));
    }

    static StatusSnapshot.Instance backup() {
        return new StatusSnapshot.Instance("VI_WEB", "eth1", 52, "BACKUP", 100, 90, "10.78.0.3",
                List.of("10.78.0.200"), false, null, null, "G1", counters(12, 0, 0, 4));
    }

    static StatusSnapshot.VirtualServer web() {
        return new StatusSnapshot.VirtualServer("10.77.0.100:80", "TCP", "wrr", 1, true, List.of(
                new StatusSnapshot.RealServer("10.77.1.1", 8080, 3, true, STARTED, null),
                new StatusSnapshot.RealServer("10.77.1.2", 8080, 1, false, CHANGED,
                        "TCP connection to [10.77.1.2]:tcp:8080 failed")));
    }

    static StatusSnapshot sample() {
        return new StatusSnapshot(daemon(null, null), List.of(master(), backup()), List.of(web()));
    }

    static StatusSnapshot.Daemon daemon(Instant lastReload, String result) {
        return new StatusSnapshot.Daemon("0.1.0-TEST", 4242, STARTED, "/etc/keepalived/keepalived.conf", lastReload,
                result);
    }
}
