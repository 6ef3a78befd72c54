package dev.vigil.ipvs.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryIpvsKernelTest {
    private static final IpvsService VS = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.1"), 80), "wrr");
    private static final IpvsDest RS1 = IpvsDest.of(ip("10.1.0.1"), 80, ForwardMethod.DR, 1);
    private static final IpvsDest RS2 = IpvsDest.of(ip("10.1.0.2"), 80, ForwardMethod.DR, 1);

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void holdsWhatTheReconcilerProgramsSoTheNextDiffIsEmpty() throws Exception {
        InMemoryIpvsKernel kernel = new InMemoryIpvsKernel();
        IpvsTable wanted = new IpvsTable(List.of(new VirtualService(VS, List.of(RS1, RS2))));
        DesiredTable desired = DesiredTable.of(wanted);
        assertTrue(kernel.applyAll(IpvsReconciler.diff(desired, kernel.table())).isEmpty());
        assertEquals(wanted, kernel.table());
        assertEquals(List.of(), IpvsReconciler.diff(desired, kernel.table()));

        kernel.apply(IpvsOperation.setDest(VS, RS2.withWeight(0)));
        kernel.apply(IpvsOperation.delDest(VS, RS1));
        assertEquals(List.of(RS2.withWeight(0)), kernel.table().services().get(0).dests());
        kernel.apply(IpvsOperation.flush());
        assertEquals(IpvsTable.EMPTY, kernel.table());
    }

    @Test
    void refusesWhatTheKernelRefusesWithItsErrno() throws Exception {
        InMemoryIpvsKernel kernel = new InMemoryIpvsKernel();
        assertEquals(3, assertThrows(IpvsException.class, () -> kernel.apply(IpvsOperation.newDest(VS, RS1))).errno());
        kernel.apply(IpvsOperation.newService(VS));
        assertEquals(17, assertThrows(IpvsException.class, () -> kernel.apply(IpvsOperation.newService(VS))).errno());
        assertEquals(2, assertThrows(IpvsException.class, () -> kernel.apply(IpvsOperation.delDest(VS, RS1))).errno());
        kernel.apply(IpvsOperation.newDest(VS, RS1));
        assertEquals(17, assertThrows(IpvsException.class, () -> kernel.apply(IpvsOperation.newDest(VS, RS1))).errno());
        assertEquals(1, kernel.table().services().get(0).dests().size());
    }
}
