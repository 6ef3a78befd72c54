package dev.vigil.ipvs.sync;

import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.SyncDaemonConfig.State;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SyncDaemonControllerTest {
    private static final SyncDaemonConfig TEMPLATE = new SyncDaemonConfig(State.BACKUP, "eth1", 51, 0, null, 0, 0);

    /** Records calls; refuses a start when told to, and a stop of a daemon that is not running (kernel: ESRCH). */
    private static final class FakeKernel implements SyncDaemonKernel {
        final List<String> calls = new ArrayList<>();
        final Set<State> up = EnumSet.noneOf(State.class);
        boolean refuseStart;

        @Override
        public void startDaemon(SyncDaemonConfig config) throws IOException {
            calls.add("start " + config.state() + " " + config.mcastIfn() + " " + config.syncId());
            if (refuseStart || !up.add(config.state())) {
                throw new IOException("EEXIST");
            }
        }

        @Override
        public void stopDaemon(State state) throws IOException {
            calls.add("stop " + state);
            if (!up.remove(state)) {
                throw new IOException("ESRCH");
            }
        }
    }

    @Test
    void boundInstanceStartsBackupAndFollowsMastership() {
        FakeKernel k = new FakeKernel();
        SyncDaemonController c = new SyncDaemonController(TEMPLATE, true, k);
        c.start();
        assertEquals(List.of("start BACKUP eth1 51"), k.calls);
        c.instanceStateChanged(true);
        c.instanceStateChanged(true);
        assertEquals(List.of("start BACKUP eth1 51", "stop BACKUP", "start MASTER eth1 51"), k.calls);
        assertEquals(EnumSet.of(State.MASTER), c.running());
        c.instanceStateChanged(false);
        assertEquals(EnumSet.of(State.BACKUP), k.up);
        c.stop();
        assertEquals(EnumSet.noneOf(State.class), k.up);
        assertEquals(EnumSet.noneOf(State.class), c.running());
    }

    @Test
    void unboundStartsBothAfterClearingStaleDaemons() {
        FakeKernel k = new FakeKernel();
        k.up.add(State.MASTER);   // left behind by a killed run
        SyncDaemonController c = new SyncDaemonController(TEMPLATE, false, k);
        c.start();
        assertEquals(List.of("stop MASTER", "stop BACKUP", "start MASTER eth1 51", "start BACKUP eth1 51"), k.calls);
        c.instanceStateChanged(false);
        assertEquals(EnumSet.of(State.MASTER, State.BACKUP), c.running(), "VRRP changes do not apply");
        c.stop();
        assertEquals(EnumSet.noneOf(State.class), k.up);
    }

    @Test
    void kernelRefusalIsSurvivedAndNotTrackedAsRunning() {
        FakeKernel k = new FakeKernel();
        k.refuseStart = true;
        SyncDaemonController c = new SyncDaemonController(TEMPLATE, true, k);
        c.start();
        assertEquals(EnumSet.noneOf(State.class), c.running());
        c.stop();
        assertEquals(List.of("start BACKUP eth1 51"), k.calls, "nothing to stop");
    }
}
