package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random health and weight sequences over random quorum settings: the invariants keepalived's rules imply. */
class VirtualServerStatePropertyTest {
    @Test
    void invariantsHoldAfterEveryEvent() {
        Random random = new Random(20261121);
        for (int round = 0; round < 2000; round++) {
            int servers = 1 + random.nextInt(5);
            int quorum = 1 + random.nextInt(6);
            int hysteresis = random.nextInt(3);
            boolean sorry = random.nextBoolean();
            boolean sorryInhibit = sorry && random.nextBoolean();
            VirtualServerSpec.Builder b = VirtualServerSpec.builder(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80)
                    .quorum(quorum, hysteresis).alpha(random.nextBoolean()).inhibitOnFailure(random.nextBoolean());
            if (sorry) {
                b.sorryServer(RealServerSpec.of(Addresses.parse("10.0.9.9"), 80).withWeight(1 + random.nextInt(3)),
                        sorryInhibit);
            }
            List<DestKey> keys = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                RealServerSpec rs = RealServerSpec.of(Addresses.parse("10.0.1." + (i + 1)), 80)
                        .withWeight(random.nextInt(4));
                if (random.nextInt(4) == 0) {
                    rs = rs.withInhibitOnFailure(random.nextBoolean());
                }
                b.realServer(rs);
                keys.add(rs.key());
            }
            VirtualServerSpec spec = b.build();
            List<String> log = new ArrayList<>();
            VirtualServerState state = new VirtualServerState(spec, log::add);
            state.start();
            check(spec, state, "round " + round + " start " + log);
            for (int event = 0; event < 30; event++) {
                DestKey k = keys.get(random.nextInt(keys.size()));
                if (random.nextInt(4) == 0) {
                    state.setWeight(k, random.nextInt(5));
                } else {
                    state.setAlive(k, random.nextBoolean());
                }
                check(spec, state, "round " + round + " event " + event + " " + log);
            }
        }
    }

    private static void check(VirtualServerSpec spec, VirtualServerState state, String where) {
        long sum = state.weightSum();
        if (state.quorumUp()) {
            assertTrue(sum > 0 && sum >= spec.quorum() - spec.hysteresis(), where);
        } else {
            assertTrue(sum < spec.quorum() + spec.hysteresis(), where);
        }
        assertEquals(spec.sorryServer() != null && !state.quorumUp(), state.sorryServerActive(), where);
        Map<DestKey, IpvsDest> dests = state.desiredDests().stream()
                .collect(Collectors.toMap(IpvsDest::key, d -> d));
        for (RealServerSpec rs : spec.realServers()) {
            boolean inhibit = rs.inhibitOnFailure() != null ? rs.inhibitOnFailure() : spec.inhibitOnFailure();
            boolean serving = state.alive(rs.key()) && !state.sorryServerActive();
            IpvsDest d = dests.get(rs.key());
            if (serving) {
                assertTrue(d != null && d.weight() >= 0, where);
            } else if (inhibit) {
                assertTrue(d != null && d.weight() == 0, where + " inhibited " + rs.key());
            } else {
                assertEquals(null, d, where + " removed " + rs.key());
            }
        }
        if (spec.sorryServer() != null) {
            IpvsDest s = dests.get(spec.sorryServer().key());
            if (state.sorryServerActive()) {
                assertEquals(spec.sorryServer().weight(), s.weight(), where);
            } else if (spec.sorryServerInhibit()) {
                assertEquals(0, s.weight(), where);
            } else {
                assertEquals(null, s, where);
            }
        }
    }
}
