package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualServerStateTest {
    private static final String VS = "[10.0.0.1]:tcp:80";
    private final List<String> log = new ArrayList<>();
    private final List<String> quorumEvents = new ArrayList<>();
    private final VirtualServerListener listener = new VirtualServerListener() {
        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public void quorumChanged(VirtualServerSpec vs, boolean up, boolean atStart) {
            quorumEvents.add((up ? "up" : "down") + (atStart ? "@start" : ""));
        }
    };

    static DestKey rs(int last) {
        return new DestKey(Addresses.parse("10.0.0." + last), 80);
    }

    static RealServerSpec real(int last) {
        return RealServerSpec.of(Addresses.parse("10.0.0." + last), 80);
    }

    static VirtualServerSpec.Builder vs() {
        return VirtualServerSpec.builder(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80);
    }

    private VirtualServerState started(VirtualServerSpec spec) {
        VirtualServerState s = new VirtualServerState(spec, listener);
        s.start();
        return s;
    }

    private static List<String> destSummary(VirtualServerState s) {
        return s.desiredDests().stream().map(d -> d.key() + " w=" + d.weight()).toList();
    }

    @Test
    void realServersStartAliveAndQuorumIsGainedAtStart() {
        VirtualServerState s = started(vs().realServer(real(2)).realServer(real(3)).build());
        assertEquals(List.of("Gained quorum 1+0=1 <= 2 for VS " + VS), log);
        assertEquals(List.of("up@start"), quorumEvents);
        assertEquals(List.of("[10.0.0.2]:80 w=1", "[10.0.0.3]:80 w=1"), destSummary(s));
        assertTrue(s.pendingDests().isEmpty());
    }

    @Test
    void alphaModeStartsDownAndPendingUntilTheFirstCheck() {
        VirtualServerState s = started(vs().alpha(true).realServer(real(2)).realServer(real(3)).build());
        assertEquals(List.of(), log, "no sorry server: nothing to say at start with quorum down");
        assertEquals(List.of(), destSummary(s));
        assertEquals(Set.of(rs(2), rs(3)), s.pendingDests());

        s.setAlive(rs(3), false);
        assertEquals(List.of(), log, "a first failed check under alpha changes nothing");
        assertEquals(Set.of(rs(2)), s.pendingDests());

        s.setAlive(rs(2), true);
        assertEquals(List.of("Adding service [10.0.0.2]:tcp:80 to VS " + VS, "Gained quorum 1+0=1 <= 1 for VS " + VS), log);
        assertEquals(List.of("[10.0.0.2]:80 w=1"), destSummary(s));
        assertTrue(s.pendingDests().isEmpty());
    }

    @Test
    void realServerAlphaOverridesTheVirtualServer() {
        VirtualServerState s = started(vs().realServer(real(2).withAlpha(true)).realServer(real(3)).build());
        assertEquals(List.of("[10.0.0.3]:80 w=1"), destSummary(s));
        assertEquals(Set.of(rs(2)), s.pendingDests());
    }

    @Test
    void failedRealServerIsRemovedAndQuorumLostAtZeroWeight() {
        VirtualServerState s = started(vs().realServer(real(2)).build());
        log.clear();
        s.setAlive(rs(2), false);
        assertEquals(List.of("Removing service [10.0.0.2]:tcp:80 from VS " + VS, "Lost quorum 1-0=1 > 0 for VS " + VS), log);
        assertEquals(List.of("up@start", "down"), quorumEvents);
        assertEquals(List.of(), destSummary(s));
        s.setAlive(rs(2), false);
        assertEquals(2, log.size(), "a repeated verdict is not an event");
    }

    @Test
    void inhibitOnFailureKeepsTheServerWithWeightZero() {
        VirtualServerState s = started(vs().inhibitOnFailure(true).realServer(real(2).withWeight(3)).build());
        log.clear();
        s.setAlive(rs(2), false);
        assertEquals("Disabling service [10.0.0.2]:tcp:80 of VS " + VS, log.get(0));
        assertEquals(List.of("[10.0.0.2]:80 w=0"), destSummary(s));
        s.setAlive(rs(2), true);
        assertEquals("Enabling service [10.0.0.2]:tcp:80 of VS " + VS, log.get(2));
        assertEquals(List.of("[10.0.0.2]:80 w=3"), destSummary(s));
    }

    @Test
    void realServerInhibitOverridesTheVirtualServer() {
        VirtualServerState s = started(vs().inhibitOnFailure(true)
                .realServer(real(2).withInhibitOnFailure(false)).realServer(real(3)).build());
        s.setAlive(rs(2), false);
        s.setAlive(rs(3), false);
        assertEquals(List.of("[10.0.0.3]:80 w=0"), destSummary(s));
        assertTrue(log.contains("Removing service [10.0.0.2]:tcp:80 from VS " + VS));
        assertTrue(log.contains("Disabling service [10.0.0.3]:tcp:80 of VS " + VS));
    }

    @Test
    void alphaWithInhibitAddsServersWithWeightZeroAtStart() {
        VirtualServerState s = started(vs().alpha(true).inhibitOnFailure(true).realServer(real(2)).build());
        assertEquals(List.of("[10.0.0.2]:80 w=0"), destSummary(s));
    }

    @Test
    void hysteresisWidensTheQuorumBand() {
        VirtualServerSpec.Builder b = vs().quorum(3, 1);
        for (int i = 2; i <= 5; i++) {
            b.realServer(real(i));
        }
        VirtualServerState s = started(b.build());
        assertEquals(List.of("Gained quorum 3+1=4 <= 4 for VS " + VS), log);
        s.setAlive(rs(2), false);
        s.setAlive(rs(3), false);
        assertTrue(s.quorumUp(), "2 >= 3-1 keeps quorum");
        s.setAlive(rs(4), false);
        assertFalse(s.quorumUp());
        assertEquals("Lost quorum 3-1=2 > 1 for VS " + VS, log.get(log.size() - 1));
        s.setAlive(rs(2), true);
        s.setAlive(rs(3), true);
        assertFalse(s.quorumUp(), "3 < 3+1 stays down");
        s.setAlive(rs(4), true);
        assertTrue(s.quorumUp());
        assertEquals("Gained quorum 3+1=4 <= 4 for VS " + VS, log.get(log.size() - 1));
        assertEquals(List.of("up@start", "down", "up"), quorumEvents);
    }

    @Test
    void sorryServerReplacesTheRealServersWhileQuorumIsLost() {
        VirtualServerState s = started(vs().quorum(2, 0).sorryServer(real(9), false)
                .realServer(real(2)).realServer(real(3)).build());
        log.clear();
        s.setAlive(rs(2), false);
        assertEquals(List.of("Removing service [10.0.0.2]:tcp:80 from VS " + VS,
                "Lost quorum 2-0=2 > 1 for VS " + VS,
                "Adding sorry server [10.0.0.9]:tcp:80 to VS " + VS,
                "Removing alive servers from the pool for VS " + VS), log);
        assertTrue(s.sorryServerActive());
        assertEquals(List.of("[10.0.0.9]:80 w=1"), destSummary(s), "alive real servers leave the pool");
        log.clear();
        s.setAlive(rs(2), true);
        assertEquals(List.of("Adding service [10.0.0.2]:tcp:80 to VS " + VS,
                "Gained quorum 2+0=2 <= 2 for VS " + VS,
                "Removing sorry server [10.0.0.9]:tcp:80 from VS " + VS,
                "Adding alive servers to the pool for VS " + VS), log);
        assertEquals(List.of("[10.0.0.2]:80 w=1", "[10.0.0.3]:80 w=1"), destSummary(s));
    }

    @Test
    void sorryServerInhibitKeepsItWithWeightZeroWhileUnused() {
        RealServerSpec sorry = real(9).withWeight(4).withForward(ForwardMethod.DR);
        VirtualServerState s = started(vs().sorryServer(sorry, true).realServer(real(2)).build());
        assertEquals(List.of("[10.0.0.2]:80 w=1", "[10.0.0.9]:80 w=0"), destSummary(s));
        s.setAlive(rs(2), false);
        assertEquals("Enabling sorry server [10.0.0.9]:tcp:80 to VS " + VS, log.get(log.size() - 2));
        assertEquals(List.of("[10.0.0.9]:80 w=4"), destSummary(s));
        IpvsDest sorryDest = s.desiredDests().get(0);
        assertEquals(ForwardMethod.DR, sorryDest.forward(), "sorry_server_lvs_method");
        s.setAlive(rs(2), true);
        assertEquals("Disabling sorry server [10.0.0.9]:tcp:80 from VS " + VS, log.get(log.size() - 2));
        assertEquals("Adding alive servers to the pool for VS " + VS, log.get(log.size() - 1));
    }

    @Test
    void startingWithQuorumDownBringsTheSorryServerAtOnce() {
        VirtualServerState s = started(vs().alpha(true).sorryServer(real(9), false).realServer(real(2)).build());
        assertEquals(List.of("Starting with quorum down 1-0=1 > 0 for VS " + VS,
                "Adding sorry server [10.0.0.9]:tcp:80 to VS " + VS,
                "Removing alive servers from the pool for VS " + VS), log);
        assertEquals(List.of("down@start"), quorumEvents);
        assertEquals(List.of("[10.0.0.9]:80 w=1"), destSummary(s));
    }

    @Test
    void dynamicWeightChangesAreLoggedAndCountTowardsQuorum() {
        VirtualServerState s = started(vs().quorum(4, 0).realServer(real(2)).realServer(real(3)).build());
        assertFalse(s.quorumUp());
        s.setWeight(rs(2), 3);
        assertEquals(List.of("Changing weight from 1 to 3 for active service [10.0.0.2]:tcp:80 of VS " + VS,
                "Gained quorum 4+0=4 <= 4 for VS " + VS), log);
        assertEquals(List.of("[10.0.0.2]:80 w=3", "[10.0.0.3]:80 w=1"), destSummary(s));
        s.setAlive(rs(3), false);
        s.setWeight(rs(3), 7);
        assertEquals("Changing weight from 1 to 7 for inactive service [10.0.0.3]:tcp:80 of VS " + VS,
                log.get(log.size() - 1));
        s.setWeight(rs(3), -5);
        assertEquals(0, s.weightSum() - 3, "a negative weight counts as 0");
    }

    @Test
    void unknownRealServerIsAClearError() {
        VirtualServerState s = started(vs().realServer(real(2)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setAlive(rs(7), true));
        assertEquals("no real server [10.0.0.7]:80 in VS " + VS, e.getMessage());
    }

    @Test
    void duplicateRealServerIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new VirtualServerState(vs().realServer(real(2)).realServer(real(2)).build(), listener));
    }

    @Test
    void groupExpandsToOneServicePerAddressWithTheSameDestinations() {
        VirtualServerSpec spec = VirtualServerSpec.groupBuilder("web", IpvsProtocol.TCP, List.of(
                        VirtualServerGroupEntry.parse("10.0.0.1-3", 80),
                        VirtualServerGroupEntry.fwmark(7, ServiceKey.AF_INET)))
                .realServer(real(20)).build();
        VirtualServerState s = started(spec);
        assertEquals("Gained quorum 1+0=1 <= 1 for VS [web]:0", log.get(0));
        List<VirtualService> services = s.desiredServices();
        assertEquals(List.of("[10.0.0.1]:tcp:80", "[10.0.0.2]:tcp:80", "[10.0.0.3]:tcp:80", "FWM 7"),
                services.stream().map(v -> v.key().toString()).toList());
        services.forEach(v -> assertEquals(List.of(new DestKey(Addresses.parse("10.0.0.20"), 80)),
                v.dests().stream().map(IpvsDest::key).toList()));
    }

    @Test
    void serviceCarriesSchedulerPersistenceAndGranularity() {
        VirtualServerSpec spec = vs().scheduler("wrr").persistence(360).granularity(24)
                .schedulerFlags(dev.vigil.ipvs.model.ServiceFlags.ONEPACKET).build();
        var svc = spec.serviceFor(spec.keys().get(0));
        assertEquals("wrr", svc.scheduler());
        assertEquals(dev.vigil.ipvs.model.ServiceFlags.PERSISTENT | dev.vigil.ipvs.model.ServiceFlags.ONEPACKET,
                svc.flags());
        assertEquals(360, svc.timeout());
        assertEquals(24, svc.granularity());
        var plain = vs().build().serviceFor(spec.keys().get(0));
        assertEquals("wlc", plain.scheduler(), "keepalived's default scheduler");
        assertEquals(0, plain.flags());
        assertEquals(32, plain.granularity());
    }

    @Test
    void desiredTableCollectsServicesAndPendingServers() {
        VirtualServerState a = started(vs().alpha(true).realServer(real(2)).build());
        VirtualServerState b = started(VirtualServerSpec.builder(IpvsProtocol.UDP, Addresses.parse("10.0.0.1"), 53)
                .realServer(real(3).withForward(ForwardMethod.TUN)).build());
        DesiredTable t = DesiredTable.of(List.of(a, b));
        assertEquals(2, t.table().services().size());
        assertEquals(Set.of(rs(2)), t.pendingFor(a.spec().keys().get(0)));
        assertEquals(Set.of(), t.pendingFor(b.spec().keys().get(0)));
        assertEquals(ForwardMethod.TUN, t.table().services().get(1).dests().get(0).forward());
    }

    @Test
    void reloadCarriesHealthAndDynamicWeightAndAddsNewServersSilently() {
        VirtualServerState old = started(vs().realServer(real(2)).realServer(real(3)).realServer(real(4)).build());
        old.setAlive(rs(3), false);
        old.setWeight(rs(4), 9);
        log.clear();
        VirtualServerState next = VirtualServerState.reload(vs().realServer(real(3)).realServer(real(4).withWeight(2))
                .realServer(real(5)).build(), old, listener);
        assertEquals(List.of("service [10.0.0.2]:tcp:80 no longer exist"), log);
        assertFalse(next.alive(rs(3)), "a failed server stays failed");
        assertEquals(List.of("[10.0.0.4]:80 w=9", "[10.0.0.5]:80 w=1"), destSummary(next), "dynamic weight kept");
        assertTrue(next.quorumUp());
    }

    @Test
    void reloadTakesTheNewConfiguredWeightWhenNoneWasDynamic() {
        VirtualServerState old = started(vs().realServer(real(2)).build());
        VirtualServerState next = VirtualServerState.reload(vs().realServer(real(2).withWeight(4)).build(), old, listener);
        assertEquals(List.of("[10.0.0.2]:80 w=4"), destSummary(next));
    }

    @Test
    void reloadReevaluatesQuorumAndRetiresAChangedSorryServer() {
        VirtualServerState old = started(vs().quorum(2, 0).sorryServer(real(9), false).realServer(real(2)).build());
        assertTrue(old.sorryServerActive());
        log.clear();
        VirtualServerState next = VirtualServerState.reload(vs().quorum(1, 0).sorryServer(real(8), false)
                .realServer(real(2)).build(), old, listener);
        assertEquals(List.of("Removing sorry server [10.0.0.9]:tcp:80 from VS " + VS,
                "Gained quorum 1+0=1 <= 1 for VS " + VS), log);
        assertEquals(List.of("[10.0.0.2]:80 w=1"), destSummary(next));
    }

    @Test
    void tunnelEncapsulationIsInheritedFromTheVirtualServer() {
        dev.vigil.ipvs.model.Tunnel gue = new dev.vigil.ipvs.model.Tunnel(dev.vigil.ipvs.model.Tunnel.Type.GUE, 6080,
                dev.vigil.ipvs.model.Tunnel.NOCSUM);
        dev.vigil.ipvs.model.Tunnel gre = new dev.vigil.ipvs.model.Tunnel(dev.vigil.ipvs.model.Tunnel.Type.GRE, 0,
                dev.vigil.ipvs.model.Tunnel.CSUM);
        VirtualServerState s = started(vs().forward(ForwardMethod.TUN).tunnel(gue).realServer(real(2))
                .realServer(real(3).withTunnel(gre)).build());
        assertEquals(gue, s.desiredDests().get(0).tunnel());
        assertEquals(gre, s.desiredDests().get(1).tunnel());
    }
}
