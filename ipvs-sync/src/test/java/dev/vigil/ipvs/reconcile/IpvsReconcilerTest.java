package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpvsReconcilerTest {
    static final IpvsService WEB = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80), "rr");
    static final IpvsService DNS = IpvsService.of(ServiceKey.of(IpvsProtocol.UDP, Addresses.parse("10.0.0.1"), 53), "wlc");
    static final IpvsService FOREIGN = IpvsService.of(ServiceKey.fwmark(ServiceKey.AF_INET, 99), "sh");

    static IpvsDest rs(int last, int weight) {
        return IpvsDest.of(Addresses.parse("10.0.1." + last), 80, ForwardMethod.NAT, weight);
    }

    static IpvsTable table(VirtualService... services) {
        return new IpvsTable(List.of(services));
    }

    static VirtualService vs(IpvsService s, IpvsDest... dests) {
        return new VirtualService(s, List.of(dests));
    }

    static List<String> text(List<IpvsOperation> ops) {
        return ops.stream().map(IpvsOperation::toString).toList();
    }

    @Test
    void emptyKernelGetsEveryServiceThenItsDestinations() {
        IpvsTable want = table(vs(WEB, rs(2, 1), rs(3, 2)), vs(DNS));
        assertEquals(List.of(
                "NEW_SERVICE [10.0.0.1]:tcp:80 rr",
                "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80 Masq w=1",
                "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80 Masq w=2",
                "NEW_SERVICE [10.0.0.1]:udp:53 wlc"), text(IpvsReconciler.diff(DesiredTable.of(want), IpvsTable.EMPTY)));
    }

    @Test
    void identicalTablesNeedNothing() {
        IpvsTable t = table(vs(WEB, rs(2, 1)), vs(DNS, rs(5, 0)));
        assertEquals(List.of(), IpvsReconciler.diff(DesiredTable.of(t), t));
    }

    @Test
    void onlyTheChangedDestinationIsEdited() {
        IpvsTable have = table(vs(WEB, rs(2, 1), rs(3, 1), rs(4, 1)));
        IpvsTable want = table(vs(WEB, rs(2, 1), rs(3, 5), rs(4, 1)));
        assertEquals(List.of("SET_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80 Masq w=5"),
                text(IpvsReconciler.diff(DesiredTable.of(want), have)));
    }

    @Test
    void forwardMethodAndThresholdChangesAreEdits() {
        IpvsDest dr = new IpvsDest(Addresses.parse("10.0.1.2"), 80, ForwardMethod.DR, 1, 100, 10);
        List<IpvsOperation> ops = IpvsReconciler.diff(DesiredTable.of(table(vs(WEB, dr))), table(vs(WEB, rs(2, 1))));
        assertEquals(List.of(IpvsOperation.setDest(WEB, dr)), ops);
    }

    @Test
    void serviceAttributeChangeIsOneSetService() {
        IpvsService persistent = WEB.withScheduler("wrr").withPersistence(300).withGranularity(24);
        List<IpvsOperation> ops = IpvsReconciler.diff(DesiredTable.of(table(vs(persistent, rs(2, 1)))),
                table(vs(WEB, rs(2, 1))));
        assertEquals(List.of(IpvsOperation.setService(persistent)), ops);
    }

    @Test
    void unwantedDestinationIsDeletedAndForeignServicesAreLeftAlone() {
        IpvsTable have = table(vs(WEB, rs(2, 1), rs(3, 1)), vs(FOREIGN, rs(9, 1)));
        IpvsTable want = table(vs(WEB, rs(2, 1)));
        assertEquals(List.of("DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80"),
                text(IpvsReconciler.diff(DesiredTable.of(want), have)));
    }

    @Test
    void retiredServiceIsDeletedFirst() {
        IpvsTable have = table(vs(WEB, rs(2, 1)), vs(DNS, rs(5, 1)), vs(FOREIGN));
        IpvsTable want = table(vs(WEB, rs(2, 1), rs(3, 1)));
        assertEquals(List.of("DEL_SERVICE [10.0.0.1]:udp:53", "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80 Masq w=1"),
                text(IpvsReconciler.diff(DesiredTable.of(want), have, List.of(DNS.key()))));
    }

    @Test
    void retiredServiceAlreadyGoneOrStillWantedIsNotDeleted() {
        IpvsTable want = table(vs(WEB));
        assertEquals(List.of(), IpvsReconciler.diff(DesiredTable.of(want), want, List.of(WEB.key(), DNS.key())));
    }

    @Test
    void adoptionNeverDropsOrChangesARealServerWhoseHealthIsUnknown() {
        // Vigil restarted (e.g. after -I) in alpha mode: the kernel still serves 10.0.1.2 and 10.0.1.3 with weight 4.
        IpvsTable have = table(vs(WEB, rs(2, 4), rs(3, 4), rs(7, 1)));
        IpvsTable want = table(vs(WEB, rs(3, 1)));
        Set<DestKey> pending = Set.of(rs(2, 0).key(), rs(3, 0).key(), rs(4, 0).key());
        DesiredTable desired = new DesiredTable(want, Map.of(WEB.key(), pending));
        assertEquals(List.of("DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.7]:80"),
                text(IpvsReconciler.diff(desired, have)), "only the unconfigured server goes");
    }

    @Test
    void sorryServerLeavesBeforeRealServersReturn() {
        IpvsDest sorry = rs(9, 1);
        IpvsTable have = table(vs(WEB, sorry));
        IpvsTable want = table(vs(WEB, rs(2, 1), rs(3, 1)));
        assertEquals(List.of(
                "DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.9]:80",
                "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80 Masq w=1",
                "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80 Masq w=1"), text(IpvsReconciler.diff(DesiredTable.of(want), have)));
    }

    @Test
    void lvsFlushAtStartFlushesThenBuildsEverything() {
        IpvsTable have = table(vs(WEB, rs(2, 1)), vs(FOREIGN));
        IpvsTable want = table(vs(WEB, rs(2, 1)));
        assertEquals(List.of("FLUSH", "NEW_SERVICE [10.0.0.1]:tcp:80 rr", "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80 Masq w=1"),
                text(IpvsReconciler.start(DesiredTable.of(want), have, true)));
        assertEquals(List.of(), IpvsReconciler.start(DesiredTable.of(want), have, false), "adoption without flush");
    }

    @Test
    void stopRemovesOnlyManagedServicesDestinationsFirst() {
        IpvsTable have = table(vs(WEB, rs(2, 1), rs(3, 1)), vs(FOREIGN, rs(9, 1)));
        assertEquals(List.of(
                "DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.2]:80",
                "DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.3]:80",
                "DEL_SERVICE [10.0.0.1]:tcp:80"),
                text(IpvsReconciler.stop(List.of(WEB.key(), DNS.key()), have, StopPolicy.REMOVE)));
        assertEquals(List.of("DEL_SERVICE [10.0.0.1]:tcp:80"),
                text(IpvsReconciler.stop(List.of(WEB.key(), DNS.key()), have, StopPolicy.DELETE_SERVICES)));
        assertEquals(List.of(), IpvsReconciler.stop(List.of(WEB.key()), have, StopPolicy.DONT_RELEASE));
        assertEquals(List.of(IpvsOperation.flush()), IpvsReconciler.stop(List.of(WEB.key()), have, StopPolicy.FLUSH));
    }

    @Test
    void operationsRejectInconsistentShapes() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IpvsOperation(IpvsOperation.Kind.NEW_DEST, WEB, null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IpvsOperation(IpvsOperation.Kind.FLUSH, WEB, null));
    }

    /** Whatever the two tables, applying the diff yields the desired table for every service Vigil manages. */
    @Test
    void applyingTheDiffConvergesOnRandomTables() {
        Random random = new Random(4242);
        for (int round = 0; round < 500; round++) {
            IpvsTable have = randomTable(random);
            IpvsTable want = randomTable(random);
            List<ServiceKey> retired = have.services().stream().map(VirtualService::key)
                    .filter(k -> random.nextBoolean()).toList();
            List<IpvsOperation> ops = IpvsReconciler.diff(DesiredTable.of(want), have, retired);
            IpvsTable after = TableSimulator.apply(have, ops);
            Map<ServiceKey, VirtualService> afterByKey = after.byKey();
            for (VirtualService w : want.services()) {
                VirtualService got = afterByKey.get(w.key());
                assertEquals(w.service(), got.service());
                assertEquals(w.destsByKey(), got.destsByKey(), "round " + round);
            }
            for (ServiceKey k : retired) {
                if (!want.byKey().containsKey(k)) {
                    assertEquals(null, afterByKey.get(k), "retired service removed, round " + round);
                }
            }
            for (VirtualService h : have.services()) {
                if (!want.byKey().containsKey(h.key()) && !retired.contains(h.key())) {
                    assertEquals(h, afterByKey.get(h.key()), "foreign service untouched, round " + round);
                }
            }
            assertEquals(List.of(), IpvsReconciler.diff(DesiredTable.of(want), after, retired), "idempotent");
        }
    }

    private static IpvsTable randomTable(Random random) {
        List<VirtualService> services = new ArrayList<>();
        for (int port = 1; port <= 6; port++) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            IpvsService s = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), port),
                    random.nextBoolean() ? "rr" : "wlc");
            if (random.nextBoolean()) {
                s = s.withPersistence(60 * (1 + random.nextInt(3)));
            }
            List<IpvsDest> dests = new ArrayList<>();
            for (int d = 1; d <= 8; d++) {
                if (random.nextBoolean()) {
                    dests.add(new IpvsDest(Addresses.parse("10.0.1." + d), 80,
                            random.nextBoolean() ? ForwardMethod.NAT : ForwardMethod.DR, random.nextInt(3), 0, 0));
                }
            }
            services.add(new VirtualService(s, dests));
        }
        return new IpvsTable(services);
    }
}
