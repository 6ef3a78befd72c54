package dev.vigil.ipvs.vm;

import dev.vigil.ipvs.IpvsManager;
import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.config.RealServerSpec;
import dev.vigil.ipvs.config.VirtualServerListener;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.IpvsReconciler;
import dev.vigil.ipvs.reconcile.StopPolicy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.ipvs.vm.GuestChecks.*;

/** Guest scenarios: the reconciler and {@link dev.vigil.ipvs.IpvsManager} on the real kernel, and the 10k benchmark. */
final class ReconcilerScenarios {
    private ReconcilerScenarios() {
    }

    static VirtualServerSpec webSpec() {
        return VirtualServerSpec.builder(IpvsProtocol.TCP, ip("10.0.0.1"), 80).scheduler("wrr").quorum(2, 0)
                .sorryServer(RealServerSpec.of(ip("10.0.1.99"), 80), false)
                .realServer(RealServerSpec.of(ip("10.0.1.2"), 80))
                .realServer(RealServerSpec.of(ip("10.0.1.3"), 80).withWeight(2))
                .realServer(RealServerSpec.of(ip("10.0.1.4"), 80).withInhibitOnFailure(true))
                .build();
    }

    static String reconcilerBuildsTable(IpvsClient ipvs) throws Exception {
        ipvs.flush();
        sh("ipvsadm", "-A", "-t", "10.0.0.200:25", "-s", "rr");   // someone else's service
        VirtualServerState web = new VirtualServerState(webSpec(), line -> { });
        web.start();
        VirtualServerState dns = new VirtualServerState(VirtualServerSpec.groupBuilder("dns", IpvsProtocol.UDP,
                List.of(dev.vigil.ipvs.config.VirtualServerGroupEntry.parse("10.0.0.10-12", 53))).scheduler("rr")
                .realServer(RealServerSpec.of(ip("10.0.2.1"), 53)).build(), line -> { });
        dns.start();
        DesiredTable desired = DesiredTable.of(List.of(web, dns));
        List<IpvsOperation> ops = IpvsReconciler.start(desired, ipvs.table(), false);
        List<IpvsException> failures = ipvs.applyAll(ops);
        String out = ipvsadm("-Ln");
        return firstFailure(same(List.of(), failures),
                same(List.of(), IpvsReconciler.diff(desired, ipvs.table())),
                contains(out, "TCP  10.0.0.1:80 wrr\n  -> 10.0.1.2:80                  Masq    1      0          0         \n"
                        + "  -> 10.0.1.3:80                  Masq    2      0          0         \n"
                        + "  -> 10.0.1.4:80                  Masq    1      0          0         \n"),
                contains(out, "TCP  10.0.0.200:25 rr\n"),
                contains(out, "UDP  10.0.0.10:53 rr\n  -> 10.0.2.1:53"),
                contains(out, "UDP  10.0.0.12:53 rr\n  -> 10.0.2.1:53"));
    }

    static String reconcilerFollowsHealth(IpvsClient ipvs) throws Exception {
        VirtualServerState web = new VirtualServerState(webSpec(), line -> { });
        web.start();
        List<String> log = new ArrayList<>();
        VirtualServerState tracked = new VirtualServerState(webSpec(), new VirtualServerListener() {
            @Override
            public void log(String line) {
                log.add(line);
            }
        });
        tracked.start();
        tracked.setAlive(new DestKey(ip("10.0.1.4"), 80), false);   // inhibit: weight 0
        List<IpvsOperation> ops1 = IpvsReconciler.diff(DesiredTable.of(List.of(tracked)), ipvs.table());
        ipvs.applyAll(ops1);
        String afterInhibit = ipvsadm("-Ln");
        tracked.setAlive(new DestKey(ip("10.0.1.3"), 80), false);   // weight 1 left < quorum 2: sorry server
        List<IpvsOperation> ops2 = IpvsReconciler.diff(DesiredTable.of(List.of(tracked)), ipvs.table());
        ipvs.applyAll(ops2);
        String sorry = ipvsadm("-Ln");
        tracked.setAlive(new DestKey(ip("10.0.1.3"), 80), true);
        ipvs.applyAll(IpvsReconciler.diff(DesiredTable.of(List.of(tracked)), ipvs.table()));
        String back = ipvsadm("-Ln");
        return firstFailure(
                same("[SET_DEST [10.0.0.1]:tcp:80 -> [10.0.1.4]:80 Masq w=0]", ops1.toString()),
                contains(afterInhibit, "  -> 10.0.1.4:80                  Masq    0      "),
                contains(sorry, "TCP  10.0.0.1:80 wrr\n  -> 10.0.1.4:80                  Masq    0      0          0         \n"
                        + "  -> 10.0.1.99:80                 Masq    1      0          0         \n"),
                contains(back, "TCP  10.0.0.1:80 wrr\n  -> 10.0.1.2:80                  Masq    1      0          0         \n"
                        + "  -> 10.0.1.3:80                  Masq    2      0          0         \n"
                        + "  -> 10.0.1.4:80                  Masq    0      0          0         \n"),
                same(List.of("Disabling service [10.0.1.4]:tcp:80 of VS [10.0.0.1]:tcp:80",
                        "Removing service [10.0.1.3]:tcp:80 from VS [10.0.0.1]:tcp:80",
                        "Lost quorum 2-0=2 > 1 for VS [10.0.0.1]:tcp:80",
                        "Adding sorry server [10.0.1.99]:tcp:80 to VS [10.0.0.1]:tcp:80",
                        "Removing alive servers from the pool for VS [10.0.0.1]:tcp:80",
                        "Adding service [10.0.1.3]:tcp:80 to VS [10.0.0.1]:tcp:80",
                        "Gained quorum 2+0=2 <= 3 for VS [10.0.0.1]:tcp:80",
                        "Removing sorry server [10.0.1.99]:tcp:80 from VS [10.0.0.1]:tcp:80",
                        "Adding alive servers to the pool for VS [10.0.0.1]:tcp:80"), log.subList(1, log.size())));
    }

    static String reconcilerAdoptsAndStops(IpvsClient ipvs) throws Exception {
        // A restarted daemon in alpha mode: health unknown, so the live servers stay as they are.
        VirtualServerSpec alpha = VirtualServerSpec.builder(IpvsProtocol.TCP, ip("10.0.0.1"), 80).scheduler("wrr")
                .alpha(true).realServer(RealServerSpec.of(ip("10.0.1.2"), 80))
                .realServer(RealServerSpec.of(ip("10.0.1.3"), 80).withWeight(2)).build();
        VirtualServerState state = new VirtualServerState(alpha, line -> { });
        state.start();
        IpvsTable before = ipvs.table();
        List<IpvsOperation> adopt = IpvsReconciler.start(DesiredTable.of(List.of(state)), before, false);
        ipvs.applyAll(adopt);
        String adopted = ipvsadm("-Ln");
        List<ServiceKey> managed = List.of(IpvsKernelChecks.WEB, ServiceKey.of(IpvsProtocol.UDP, ip("10.0.0.10"), 53));
        ipvs.applyAll(IpvsReconciler.stop(managed, ipvs.table(), StopPolicy.REMOVE));
        String stopped = ipvsadm("-Ln");
        return firstFailure(
                same("[DEL_DEST [10.0.0.1]:tcp:80 -> [10.0.1.4]:80]", adopt.toString(), "only the unconfigured server goes"),
                contains(adopted, "  -> 10.0.1.2:80                  Masq    1      "),
                contains(adopted, "  -> 10.0.1.3:80                  Masq    2      "),
                expect(!stopped.contains("10.0.0.1:80") && !stopped.contains("10.0.0.10:53"), "managed left:\n" + stopped),
                contains(stopped, "TCP  10.0.0.200:25 rr\n"),
                contains(stopped, "UDP  10.0.0.11:53 rr\n"));
    }

    static String managerLifecycle(IpvsClient ipvs) throws Exception {
        IpvsTimeouts before = ipvs.timeouts();
        List<String> log = new ArrayList<>();
        IpvsManager manager = new IpvsManager(ipvs, log::add);
        List<IpvsException> startFailures = manager.start(List.of(webSpec()), false, new IpvsTimeouts(7200, 60, 120));
        String started = ipvsadm("-Ln");
        String timeouts = ipvsadm("-L", "--timeout");
        manager.setAlive("[10.0.0.1]:tcp:80", new DestKey(ip("10.0.1.2"), 80), false);
        String afterFailure = ipvsadm("-Ln");
        manager.reload(List.of(VirtualServerSpec.builder(IpvsProtocol.TCP, ip("10.0.0.1"), 80).scheduler("wrr")
                .realServer(RealServerSpec.of(ip("10.0.1.2"), 80)).realServer(RealServerSpec.of(ip("10.0.1.7"), 80))
                .build()));
        String reloaded = ipvsadm("-Ln");
        manager.stop(StopPolicy.REMOVE);
        String stopped = ipvsadm("-Ln");
        return firstFailure(same(List.of(), startFailures),
                contains(started, "TCP  10.0.0.1:80 wrr\n  -> 10.0.1.2:80"),
                same("Timeout (tcp tcpfin udp): 7200 60 120\n", timeouts),
                expect(!afterFailure.contains("10.0.1.2:80"), "failed server still listed:\n" + afterFailure),
                contains(reloaded, "TCP  10.0.0.1:80 wrr\n  -> 10.0.1.7:80                  Masq    1      "),
                expect(!reloaded.contains("10.0.1.2:80") && !reloaded.contains("10.0.1.3:80"),
                        "reload re-added or kept a server:\n" + reloaded),
                expect(!stopped.contains("10.0.0.1:80"), "not removed at stop:\n" + stopped),
                contains(stopped, "TCP  10.0.0.200:25 rr\n"),
                same(before, ipvs.timeouts(), "timeouts after stop"),
                same(List.of("Gained quorum 2+0=2 <= 4 for VS [10.0.0.1]:tcp:80",
                        "Removing service [10.0.1.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
                        "service [10.0.1.3]:tcp:80 no longer exist",
                        "service [10.0.1.4]:tcp:80 no longer exist"), log));
    }

    /**
     * One batch of 604 operations spanning three datagrams, with refusals in the middle: the tolerated ones (an add
     * that exists, a delete of a missing server) are absorbed, an edit of a missing server becomes an add, and each
     * real failure names its own operation.
     */
    static String batchAttributesEachRefusal(IpvsClient ipvs) throws Exception {
        ServiceKey key = ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.50"), 80);
        IpvsService service = IpvsService.of(key, "rr");
        IpvsService missing51 = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.51"), 80), "rr");
        IpvsService missing52 = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.52"), 80), "rr");
        List<IpvsOperation> ops = new ArrayList<>();
        ops.add(IpvsOperation.newService(service));
        for (int d = 0; d < 600; d++) {
            ops.add(IpvsOperation.newDest(service, dest50(d)));
            if (d == 299) {
                ops.add(IpvsOperation.newDest(service, dest50(5)));          // EEXIST: tolerated
            } else if (d == 399) {
                ops.add(IpvsOperation.setService(missing51));                // ESRCH: a failure
            } else if (d == 499) {
                ops.add(IpvsOperation.newDest(missing52, dest50(1)));       // ESRCH: a failure
            }
        }
        ops.add(IpvsOperation.setDest(service, IpvsDest.of(ip("10.51.0.1"), 80, ForwardMethod.DR, 9)));  // -> add
        ops.add(IpvsOperation.delDest(service, IpvsDest.of(ip("10.51.0.2"), 80, ForwardMethod.DR, 1)));  // ENOENT, last
        List<IpvsException> failures = ipvs.applyAll(ops);
        String out = ipvsadm("-Ln");
        long dests = out.lines().filter(l -> l.startsWith("  -> 10.5")).count();
        ipvs.delService(key);
        return firstFailure(same(2, failures.size(), "failures " + failures),
                failures.size() == 2 ? contains(failures.get(0).getMessage(), "([10.0.0.51]:tcp:80)") : null,
                failures.size() == 2 ? contains(failures.get(1).getMessage(), "([10.0.0.52]:tcp:80 -> ") : null,
                same(601L, dests, "real servers in the table"),
                contains(out, "  -> 10.51.0.1:80                 Route   9      "));
    }

    private static IpvsDest dest50(int d) throws Exception {
        return IpvsDest.of(InetAddress.getByAddress(new byte[]{10, 50, (byte) (d >> 8), (byte) d}), 80,
                ForwardMethod.DR, 1);
    }

    /** Programs 10 services x 1000 real servers through the reconciler and reads them back; prints figures. */
    static String benchmark(IpvsClient ipvs) throws Exception {
        ipvs.flush();
        List<VirtualService> services = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            List<IpvsDest> dests = new ArrayList<>();
            for (int d = 0; d < 1000; d++) {
                dests.add(IpvsDest.of(InetAddress.getByAddress(new byte[]{10, (byte) (100 + s), (byte) (d >> 8),
                        (byte) d}), 80, ForwardMethod.DR, 1 + d % 5));
            }
            services.add(new VirtualService(IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0." + (s + 1)),
                    80), "wrr"), dests));
        }
        IpvsTable desired = new IpvsTable(services);
        long t0 = System.nanoTime();
        List<IpvsOperation> ops = IpvsReconciler.diff(DesiredTable.of(desired), ipvs.table());
        long t1 = System.nanoTime();
        List<IpvsException> failures = ipvs.applyAll(ops);
        long t2 = System.nanoTime();
        IpvsTable readBack = ipvs.table();
        long t3 = System.nanoTime();
        List<IpvsOperation> none = IpvsReconciler.diff(DesiredTable.of(desired), readBack);
        long t4 = System.nanoTime();
        figure("real-servers-programmed", desired.destCount());
        figure("programmed-ms", (t2 - t0) / 1_000_000);
        figure("diff-ms", (t1 - t0) / 1_000_000);
        figure("dump-ms", (t3 - t2) / 1_000_000);
        figure("rediff-ms", (t4 - t3) / 1_000_000);
        System.out.println("10,000 real servers programmed in " + (t2 - t0) / 1_000_000 + " ms (QEMU TCG guest)");
        ipvs.flush();
        return firstFailure(same(List.of(), failures), same(10_010, ops.size(), "operations"),
                same(List.of(), none), same(10_000, readBack.destCount(), "dests read back"));
    }
}
