package dev.vigil.ipvs;

import dev.vigil.ipvs.config.RealServerSpec;
import dev.vigil.ipvs.config.VirtualServerGroupEntry;
import dev.vigil.ipvs.config.VirtualServerListener;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.StopPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpvsManagerTest {
    private static final String WEB = "[10.0.0.1]:tcp:80";
    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private final List<String> log = new ArrayList<>();
    private final IpvsManager manager = new IpvsManager(kernel, (VirtualServerListener) log::add);
    private static final VirtualService FOREIGN = new VirtualService(
            IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.200"), 25), "rr"), List.of());

    static DestKey rs(int last) {
        return new DestKey(Addresses.parse("10.0.1." + last), 80);
    }

    static RealServerSpec real(int last) {
        return RealServerSpec.of(Addresses.parse("10.0.1." + last), 80);
    }

    static VirtualServerSpec web(RealServerSpec... servers) {
        VirtualServerSpec.Builder b = VirtualServerSpec.builder(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80)
                .scheduler("rr");
        for (RealServerSpec r : servers) {
            b.realServer(r);
        }
        return b.build();
    }

    static VirtualServerSpec dnsGroup() {
        return VirtualServerSpec.groupBuilder("dns", IpvsProtocol.UDP,
                List.of(VirtualServerGroupEntry.parse("10.0.0.10-11", 53))).realServer(real(9)).build();
    }

    private List<String> dests(String vsAddress, int port, IpvsProtocol p) {
        VirtualService vs = kernel.table.byKey().get(ServiceKey.of(p, Addresses.parse(vsAddress), port));
        return vs == null ? null : vs.dests().stream().map(d -> d.key() + " w=" + d.weight()).toList();
    }

    @Test
    void startBuildsEverythingBesideForeignServicesAndAppliesLvsTimeouts() throws Exception {
        kernel.table = new IpvsTable(List.of(FOREIGN));
        List<IpvsException> failures = manager.start(List.of(web(real(2), real(3)), dnsGroup()), false,
                new IpvsTimeouts(7200, 0, 0));
        assertEquals(List.of(), failures);
        assertEquals(List.of("[10.0.1.2]:80 w=1", "[10.0.1.3]:80 w=1"), dests("10.0.0.1", 80, IpvsProtocol.TCP));
        assertEquals(List.of("[10.0.1.9]:80 w=1"), dests("10.0.0.11", 53, IpvsProtocol.UDP));
        assertTrue(kernel.table.byKey().containsKey(FOREIGN.key()));
        assertEquals(new IpvsTimeouts(7200, 0, 0), kernel.timeouts);
        assertEquals(3, manager.managed().size());

        manager.stop(StopPolicy.REMOVE);
        assertEquals(List.of(FOREIGN), kernel.table.services(), "only the foreign service is left");
        assertEquals(new IpvsTimeouts(900, 120, 300), kernel.timeouts, "original timeouts restored");
    }

    @Test
    void lvsFlushClearsTheTableFirst() throws Exception {
        kernel.table = new IpvsTable(List.of(FOREIGN));
        manager.start(List.of(web(real(2))), true, null);
        assertEquals("FLUSH", kernel.ops.get(0));
        assertEquals(Set.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80)), kernel.table.byKey().keySet());
    }

    @Test
    void healthEventTouchesOnlyThatRealServer() throws Exception {
        manager.start(List.of(web(real(2), real(3)), dnsGroup()), false, null);
        kernel.ops.clear();
        manager.setAlive(WEB, rs(3), false);
        assertEquals(List.of("DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80"), kernel.ops);
        manager.setWeight(WEB, rs(2), 5);
        assertEquals("SET_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80 Masq w=5", kernel.ops.get(1));
        assertEquals(List.of("Removing service [10.0.1.3]:tcp:80 from VS " + WEB,
                "Changing weight from 1 to 5 for active service [10.0.1.2]:tcp:80 of VS " + WEB), log.subList(2, 4));
    }

    @Test
    void adoptionKeepsLiveServersWhoseHealthIsUnknown() throws Exception {
        IpvsService svc = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80), "rr");
        kernel.table = new IpvsTable(List.of(new VirtualService(svc, List.of(
                IpvsDest.of(rs(2).address(), 80, dev.vigil.ipvs.model.ForwardMethod.NAT, 1)))));
        VirtualServerSpec alpha = VirtualServerSpec.builder(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80)
                .scheduler("rr").alpha(true).realServer(real(2)).realServer(real(3)).build();
        manager.start(List.of(alpha), false, null);
        assertEquals(List.of(), kernel.ops, "nothing to do: 10.0.1.2 stays until its first check");
        manager.setAlive(WEB, rs(2), false);
        assertEquals(List.of("DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80"), kernel.ops);
    }

    @Test
    void reloadKeepsStateRemovesWhatWentAndAddsWhatCame() throws Exception {
        manager.start(List.of(web(real(2), real(3), real(4)), dnsGroup()), false, null);
        manager.setAlive(WEB, rs(3), false);
        log.clear();
        kernel.ops.clear();
        manager.reload(List.of(web(real(3), real(4).withWeight(6), real(5))));
        assertEquals(List.of("service [10.0.1.2]:tcp:80 no longer exist", "Removing Virtual Server Group [dns]"), log);
        assertEquals(List.of(
                "DEL_SERVICE [10.0.0.10]:udp:53", "DEL_SERVICE [10.0.0.11]:udp:53",
                "DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80",
                "SET_DEST [10.0.0.1]:tcp:80 -> [10.0.1.4]:80 Masq w=6",
                "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.5]:80 Masq w=1"), kernel.ops,
                "10.0.1.3 stays down: a reload never re-adds a failed server");
        assertEquals(1, manager.managed().size());
    }

    @Test
    void kernelRefusalsAreReturnedAndTheRestIsApplied() throws Exception {
        kernel.refuse = op -> op.kind() == IpvsOperation.Kind.NEW_DEST && op.dest().key().equals(rs(2));
        List<IpvsException> failures = manager.start(List.of(web(real(2), real(3))), false, null);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().startsWith("IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Invalid operation"),
                failures.get(0).getMessage());
        assertEquals(List.of("[10.0.1.3]:80 w=1"), dests("10.0.0.1", 80, IpvsProtocol.TCP));
        kernel.refuse = op -> false;
        manager.setAlive(WEB, rs(3), true);   // no change for 10.0.1.3, but the diff repairs 10.0.1.2
        assertEquals(List.of("[10.0.1.3]:80 w=1", "[10.0.1.2]:80 w=1"), dests("10.0.0.1", 80, IpvsProtocol.TCP));
    }

    @Test
    void stopPolicies() throws Exception {
        manager.start(List.of(web(real(2))), false, null);
        manager.stop(StopPolicy.DONT_RELEASE);
        assertEquals(1, kernel.table.services().size(), "-I leaves the table");
        manager.stop(StopPolicy.FLUSH);
        assertEquals(List.of(), kernel.table.services());
    }
}
