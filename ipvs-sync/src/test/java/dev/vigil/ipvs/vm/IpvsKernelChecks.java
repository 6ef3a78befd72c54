package dev.vigil.ipvs.vm;

import dev.vigil.ipvs.IpvsManager;
import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.config.RealServerSpec;
import dev.vigil.ipvs.config.VirtualServerListener;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.ipvs.format.IpvsTableFormatter;
import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.Tunnel;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.netlink.IpvsUnavailableException;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.IpvsReconciler;
import dev.vigil.ipvs.reconcile.StopPolicy;
import dev.vigil.ipvs.sync.SyncDaemonController;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Guest side of {@link IpvsKernelVmTest}: runs inside the QEMU guest as root against the real IPVS kernel, with
 * {@code ipvsadm} as the independent oracle, and prints {@code VMCHECK name PASS|FAIL detail} lines, figures, then
 * {@code VMDONE}.
 */
public final class IpvsKernelChecks {
    /** How many VMCHECK lines a complete run prints. */
    static final int EXPECTED_CHECKS = 25;

    private static final ServiceKey WEB = ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.1"), 80);

    private IpvsKernelChecks() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        check("proc-net-ip_vs", () -> {
            String proc = Files.readString(Path.of("/proc/net/ip_vs"), StandardCharsets.UTF_8);
            return expect(proc.startsWith("IP Virtual Server version"), "unexpected /proc/net/ip_vs: " + proc);
        });
        try (IpvsClient ipvs = IpvsClient.open()) {
            figure("open-ms", (System.nanoTime() - start) / 1_000_000);
            runAll(ipvs);
        }
        check("module-autoload", IpvsKernelChecks::moduleAutoload);
        figure("guest-checks-ms", (System.nanoTime() - start) / 1_000_000);
        System.out.println("VMDONE");
    }

    private static void runAll(IpvsClient ipvs) throws Exception {
        check("info-matches-ipvsadm", () -> {
            String header = ipvsadm("-Ln").lines().findFirst().orElse("");
            var info = ipvs.info();
            return same("IP Virtual Server version " + info.versionText() + " (size=" + info.connTableSize() + ")",
                    header);
        });
        check("add-service", () -> {
            ipvs.flush();
            ipvs.newService(IpvsService.of(WEB, "rr"));
            return contains(ipvsadm("-Ln"), "TCP  10.0.0.1:80 rr\n");
        });
        check("add-dests", () -> {
            ipvs.newDest(WEB, IpvsDest.of(ip("10.0.1.2"), 8080, ForwardMethod.NAT, 3));
            ipvs.newDest(WEB, IpvsDest.of(ip("10.0.1.3"), 80, ForwardMethod.DR, 1));
            ipvs.newDest(WEB, new IpvsDest(ip("10.0.1.4"), 80, ForwardMethod.TUN, 7, 100, 10));
            String out = ipvsadm("-Ln");
            String thresholds = ipvsadm("-Ln", "--thresholds");
            return firstFailure(
                    contains(out, "  -> 10.0.1.2:8080                Masq    3      0          0         \n"),
                    contains(out, "  -> 10.0.1.3:80                  Route   1      0          0         \n"),
                    contains(out, "  -> 10.0.1.4:80                  Tunnel  7      0          0         \n"),
                    contains(thresholds, "  -> 10.0.1.4:80                  100        10         0          0"));
        });
        check("read-back-equals-written", () -> {
            IpvsTable t = ipvs.table();
            return same(List.of(new VirtualService(IpvsService.of(WEB, "rr"), List.of(
                    IpvsDest.of(ip("10.0.1.2"), 8080, ForwardMethod.NAT, 3),
                    IpvsDest.of(ip("10.0.1.3"), 80, ForwardMethod.DR, 1),
                    new IpvsDest(ip("10.0.1.4"), 80, ForwardMethod.TUN, 7, 100, 10)))).toString(),
                    sortedDests(t).services().toString());
        });
        check("edit-service-persistence", () -> {
            ipvs.setService(IpvsService.of(WEB, "wrr").withPersistence(300).withGranularity(24));
            return contains(ipvsadm("-Ln"), "TCP  10.0.0.1:80 wrr persistent 300 mask 255.255.255.0\n");
        });
        check("edit-and-delete-dest", () -> {
            ipvs.setDest(WEB, IpvsDest.of(ip("10.0.1.2"), 8080, ForwardMethod.NAT, 0));
            ipvs.delDest(WEB, new DestKey(ip("10.0.1.3"), 80));
            String out = ipvsadm("-Ln");
            return firstFailure(contains(out, "  -> 10.0.1.2:8080                Masq    0      "),
                    expect(!out.contains("10.0.1.3:80"), "10.0.1.3 still listed:\n" + out));
        });
        check("fwmark-ipv6-and-scheduler-flags", () -> {
            ServiceKey fwm = ServiceKey.fwmark(ServiceKey.AF_INET, 7);
            ipvs.newService(IpvsService.of(fwm, "sh").withFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED2));
            ipvs.newDest(fwm, IpvsDest.of(ip("10.0.1.5"), 0, ForwardMethod.DR, 2));
            ServiceKey v6 = ServiceKey.of(IpvsProtocol.UDP, ip("2001:db8::1"), 53);
            ipvs.newService(IpvsService.of(v6, "lc").withPersistence(60).withGranularity(64)
                    .withFlags(ServiceFlags.PERSISTENT | ServiceFlags.ONEPACKET));
            ipvs.newDest(v6, IpvsDest.of(ip("2001:db8::a"), 53, ForwardMethod.NAT, 1));
            String out = ipvsadm("-Ln");
            return firstFailure(contains(out, "FWM  7 sh (sh-fallback,sh-port)\n"),
                    contains(out, "  -> 10.0.1.5:0                   Route   2      "),
                    contains(out, "UDP  [2001:db8::1]:53 lc persistent 60 mask 64 ops\n"),
                    contains(out, "  -> [2001:db8::a]:53             Masq    1      "));
        });
        check("sctp-and-delete-service", () -> {
            ServiceKey sctp = ServiceKey.of(IpvsProtocol.SCTP, ip("10.0.0.3"), 9000);
            ipvs.newService(IpvsService.of(sctp, "wlc"));
            ipvs.newDest(sctp, IpvsDest.of(ip("10.0.1.8"), 9000, ForwardMethod.NAT, 1));
            ServiceKey doomed = ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.4"), 443);
            ipvs.newService(IpvsService.of(doomed, "rr"));
            ipvs.newDest(doomed, IpvsDest.of(ip("10.0.1.9"), 443, ForwardMethod.NAT, 1));
            String withBoth = ipvsadm("-Ln");
            ipvs.delService(doomed);
            String after = ipvsadm("-Ln");
            return firstFailure(contains(withBoth, "SCTP 10.0.0.3:9000 wlc\n  -> 10.0.1.8:9000"),
                    contains(withBoth, "TCP  10.0.0.4:443 rr\n"),
                    expect(!after.contains("10.0.0.4:443") && !after.contains("10.0.1.9"), "deleted service listed:\n"
                            + after));
        });
        check("tunnel-encapsulation", () -> {
            ServiceKey sctp = ServiceKey.of(IpvsProtocol.SCTP, ip("10.0.0.3"), 9000);
            IpvsDest gue = new IpvsDest(ip("10.0.1.10"), 9000, ForwardMethod.TUN, 1, 0, 0,
                    new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.CSUM));
            IpvsDest gre = new IpvsDest(ip("10.0.1.11"), 9000, ForwardMethod.TUN, 1, 0, 0,
                    new Tunnel(Tunnel.Type.GRE, 0, Tunnel.REMCSUM));
            ipvs.newDest(sctp, gue);
            ipvs.newDest(sctp, gre);
            String out = ipvsadm("-Ln", "--tun-info");   // ipvsadm abbreviates csum "+c", remcsum "r+c"
            List<IpvsDest> readBack = ipvs.dests(sctp).stream().map(d -> d.dest()).toList();
            return firstFailure(
                    contains(out, "  -> 10.0.1.10:9000               Tunnel  gue:6080:+c   1      0          0"),
                    contains(out, "  -> 10.0.1.11:9000               Tunnel  gre:r+c       1      0          0"),
                    expect(readBack.contains(gue) && readBack.contains(gre), "read back " + readBack));
        });
        check("formatter-equals-ipvsadm", () -> same(ipvsadm("-Ln"),
                IpvsTableFormatter.list(ipvs.info(), ipvs.snapshot())));
        check("stats-equal-ipvsadm", () -> {
            // A local client's SYN through a service of its own (its connection entry must not show in other
            // checks' ActiveConn columns), then the kernel's 2-second estimator has to publish the counters.
            ServiceKey counted = ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.5"), 80);
            ipvs.newService(IpvsService.of(counted, "rr"));
            ipvs.newDest(counted, IpvsDest.of(ip("10.0.1.12"), 80, ForwardMethod.NAT, 1));
            sh("ip", "addr", "add", "10.0.0.5/32", "dev", "lo");
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("10.0.0.5", 80), 300);
            } catch (IOException expected) {
                // nothing listens behind the real server
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (ipvs.service(counted).stats().inPackets() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);   // polling the kernel's estimator, not waiting for a fixed time
            }
            String oracle = ipvsadm("-Ln", "--stats");
            String ours = IpvsTableFormatter.listStats(ipvs.info(), ipvs.snapshot());
            long inPackets = ipvs.service(counted).stats().inPackets();
            sh("ip", "addr", "del", "10.0.0.5/32", "dev", "lo");
            ipvs.delService(counted);
            return firstFailure(expect(inPackets > 0, "no packet counted within 15 s"), same(oracle, ours),
                    contains(oracle, "TCP  10.0.0.5:80                         1        1        0       60        0"));
        });
        check("kernel-errors", () -> {
            List<String> errors = new ArrayList<>();
            errors.add(errno(() -> ipvs.newService(IpvsService.of(WEB, "rr")), 17));
            errors.add(errno(() -> ipvs.delDest(WEB, new DestKey(ip("10.9.9.9"), 80)), 2));
            errors.add(errno(() -> ipvs.newDest(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.99"), 80),
                    IpvsDest.of(ip("10.0.1.2"), 80, ForwardMethod.NAT, 1)), 3));
            errors.add(errno(() -> ipvs.newService(IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.98"), 80),
                    "nosuchsched")), 2));
            errors.add(errno(() -> ipvs.service(ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.97"), 80)), 3));
            return firstFailure(errors.toArray(String[]::new));
        });
        check("apply-tolerates-like-keepalived", () -> {
            ipvs.apply(IpvsOperation.newService(IpvsService.of(WEB, "wrr")));   // EEXIST: ignored
            ipvs.apply(IpvsOperation.delDest(IpvsService.of(WEB, "wrr"), IpvsDest.of(ip("10.9.9.9"), 80,
                    ForwardMethod.NAT, 1)));                                     // ENOENT: ignored
            ipvs.apply(IpvsOperation.setDest(IpvsService.of(WEB, "wrr"), IpvsDest.of(ip("10.0.1.6"), 80,
                    ForwardMethod.NAT, 4)));                                     // ENOENT: becomes an add
            return contains(ipvsadm("-Ln"), "  -> 10.0.1.6:80                  Masq    4      ");
        });
        check("timeouts", () -> {
            ipvs.setTimeouts(new IpvsTimeouts(900, 120, 300));
            String oracle = ipvsadm("-L", "--timeout");
            return firstFailure(same("Timeout (tcp tcpfin udp): 900 120 300\n", oracle),
                    same(oracle, IpvsTableFormatter.timeouts(ipvs.timeouts())));
        });
        check("sync-daemons", () -> syncDaemons(ipvs));
        check("sync-daemons-unbound", () -> {
            SyncDaemonController both = new SyncDaemonController(new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP,
                    "vglsync0", 0, 0, null, 0, 0), false, ipvs);
            both.start();
            String running = ipvsadm("-L", "--daemon");
            String ours = IpvsTableFormatter.daemons(ipvs.daemons());
            both.stop();
            return firstFailure(contains(running, "master sync daemon (mcast=vglsync0, syncid=0"),
                    contains(running, "backup sync daemon (mcast=vglsync0, syncid=0"), same(running, ours),
                    same("", ipvsadm("-L", "--daemon")));
        });
        check("flush", () -> {
            ipvs.flush();
            String out = ipvsadm("-Ln");
            return same(3, (int) out.lines().count(), out);
        });
        check("zero-counters", () -> {
            ipvs.newService(IpvsService.of(WEB, "rr"));
            ipvs.zero(null);
            ipvs.zero(WEB);
            return same(1, ipvs.snapshot().services().size(), "one service");
        });
        check("reconciler-builds-table", () -> reconcilerBuildsTable(ipvs));
        check("reconciler-follows-health", () -> reconcilerFollowsHealth(ipvs));
        check("reconciler-adopts-and-stops", () -> reconcilerAdoptsAndStops(ipvs));
        check("manager-lifecycle", () -> managerLifecycle(ipvs));
        check("benchmark-10000-real-servers", () -> benchmark(ipvs));
    }

    // --- scenarios -------------------------------------------------------------------------------------------------

    private static String syncDaemons(IpvsClient ipvs) throws Exception {
        sh("ip", "link", "add", "vglsync0", "type", "veth", "peer", "name", "vglsync1");
        sh("ip", "addr", "add", "192.0.2.1/24", "dev", "vglsync0");
        sh("ip", "link", "set", "vglsync0", "up");
        sh("ip", "link", "set", "vglsync1", "up");
        SyncDaemonConfig template = new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, "vglsync0", 51, 1400,
                ip("224.0.0.81"), 8848, 2);
        SyncDaemonController controller = new SyncDaemonController(template, true, ipvs);
        controller.start();
        String backup = ipvsadm("-L", "--daemon");
        String ours = IpvsTableFormatter.daemons(ipvs.daemons());
        controller.instanceStateChanged(true);
        String master = ipvsadm("-L", "--daemon");
        controller.stop();
        String none = ipvsadm("-L", "--daemon");
        return firstFailure(
                same("backup sync daemon (mcast=vglsync0, syncid=51, maxlen=1400, group=224.0.0.81, port=8848, ttl=2)\n",
                        backup),
                same(backup, ours),
                same("master sync daemon (mcast=vglsync0, syncid=51, maxlen=1400, group=224.0.0.81, port=8848, ttl=2)\n",
                        master),
                same("", none));
    }

    private static VirtualServerSpec webSpec() {
        return VirtualServerSpec.builder(IpvsProtocol.TCP, ip("10.0.0.1"), 80).scheduler("wrr").quorum(2, 0)
                .sorryServer(RealServerSpec.of(ip("10.0.1.99"), 80), false)
                .realServer(RealServerSpec.of(ip("10.0.1.2"), 80))
                .realServer(RealServerSpec.of(ip("10.0.1.3"), 80).withWeight(2))
                .realServer(RealServerSpec.of(ip("10.0.1.4"), 80).withInhibitOnFailure(true))
                .build();
    }

    private static String reconcilerBuildsTable(IpvsClient ipvs) throws Exception {
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

    private static String reconcilerFollowsHealth(IpvsClient ipvs) throws Exception {
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

    private static String reconcilerAdoptsAndStops(IpvsClient ipvs) throws Exception {
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
        List<ServiceKey> managed = List.of(WEB, ServiceKey.of(IpvsProtocol.UDP, ip("10.0.0.10"), 53));
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

    private static String managerLifecycle(IpvsClient ipvs) throws Exception {
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

    /** Programs 10 services x 1000 real servers through the reconciler and reads them back; prints figures. */
    private static String benchmark(IpvsClient ipvs) throws Exception {
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

    private static String moduleAutoload() throws Exception {
        sh("sh", "-c", "for m in ip_vs_ftp ip_vs_rr ip_vs_wrr ip_vs_wlc ip_vs_lc ip_vs_sh ip_vs_dh ip_vs_sed ip_vs_nq "
                + "ip_vs_lblc ip_vs_lblcr ip_vs_mh ip_vs_fo ip_vs_ovf ip_vs; do rmmod $m 2>/dev/null; done; true");
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            return "could not unload ip_vs: " + sh("lsmod");
        }
        String unavailable;
        try (IpvsClient ignored = IpvsClient.open(false)) {
            unavailable = "opened IPVS without the module";
        } catch (IpvsUnavailableException e) {
            unavailable = e.getMessage().contains("ip_vs") ? null : "message does not name ip_vs: " + e.getMessage();
        }
        String loaded;
        try (IpvsClient client = IpvsClient.open(true)) {
            loaded = expect(client.info().connTableSize() > 0, "no info after autoload");
        }
        return firstFailure(unavailable, loaded);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A check returns null on success or a failure description. */
    interface Check {
        String run() throws Exception;
    }

    interface Action {
        void run() throws Exception;
    }

    static void check(String name, Check c) {
        String failure;
        try {
            failure = c.run();
        } catch (Throwable t) {
            failure = t.toString();
        }
        System.out.println("VMCHECK " + name + (failure == null ? " PASS" : " FAIL " + failure.replace("\n", "\\n")));
    }

    static void figure(String name, Object value) {
        System.out.println("VMFIGURE " + name + " " + value);
    }

    static String expect(boolean ok, String failure) {
        return ok ? null : failure;
    }

    static String same(Object expected, Object actual) {
        return same(expected, actual, "");
    }

    static String same(Object expected, Object actual, String what) {
        return expected.equals(actual) ? null : what + " expected <" + expected + "> but was <" + actual + ">";
    }

    static String contains(String text, String part) {
        return text.contains(part) ? null : "missing <" + part + "> in <" + text + ">";
    }

    static String firstFailure(String... results) {
        for (String r : results) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    static String errno(Action a, int expected) {
        try {
            a.run();
            return "no error, expected errno " + expected;
        } catch (IpvsException e) {
            return e.errno() == expected ? null : "errno " + e.errno() + " (" + e.getMessage() + "), expected " + expected;
        } catch (Exception e) {
            return e.toString();
        }
    }

    static IpvsTable sortedDests(IpvsTable t) {
        return new IpvsTable(t.services().stream().map(v -> new VirtualService(v.service(), v.dests().stream()
                .sorted(java.util.Comparator.comparing((IpvsDest d) -> Addresses.text(d.address()))).toList())).toList());
    }

    static InetAddress ip(String s) {
        return Addresses.parse(s);
    }

    static String ipvsadm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ipvsadm"));
        cmd.addAll(List.of(args));
        return sh(cmd.toArray(String[]::new));
    }

    /** Runs a command and returns its stdout+stderr; a non-zero exit is an error naming the output. */
    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
