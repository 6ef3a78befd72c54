package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonStatusTest {
    private static final Instant T0 = Instant.parse("2026-11-21T05:00:00Z");

    private final StatusSource vrrp = () -> StatusSnapshot.Part.ofInstances(List.of(Snapshots.master()));
    private final StatusSource checker = () -> StatusSnapshot.Part.ofVirtualServers(List.of(Snapshots.web()));
    private final StatusSource broken = () -> {
        throw new IllegalStateException("not started");
    };

    private DaemonStatus status(StatusSource... sources) {
        return new DaemonStatus(Path.of("/etc/keepalived/keepalived.conf"), List.of(sources),
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void collectsTheDaemonAndEveryPart() {
        StatusSnapshot s = status(vrrp, checker).snapshot();
        assertEquals(ProcessHandle.current().pid(), s.daemon().pid());
        assertEquals(T0, s.daemon().started());
        assertEquals("/etc/keepalived/keepalived.conf", s.daemon().configFile());
        assertEquals(List.of(Snapshots.master()), s.instances());
        assertEquals(List.of(Snapshots.web()), s.virtualServers());
        assertNull(s.daemon().lastReload());
    }

    @Test
    void aBrokenSourceIsLeftOut() {
        StatusSnapshot s = status(broken, vrrp).snapshot();
        assertEquals(List.of(Snapshots.master()), s.instances());
    }

    @Test
    void reloadResultFollowsWhetherTheListenerRan() {
        DaemonStatus d = status(vrrp);
        d.configReloaded(null, null);
        d.reloadFinished();
        assertEquals(DaemonStatus.RELOAD_APPLIED, d.snapshot().daemon().lastReloadResult());
        assertEquals(T0, d.snapshot().daemon().lastReload());
        d.reloadFinished(); // a SIGHUP that was aborted: no configReloaded before it
        assertEquals(DaemonStatus.RELOAD_ABORTED, d.snapshot().daemon().lastReloadResult());
    }
}
