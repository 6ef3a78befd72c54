package dev.vigil.ipvs.vm;

import dev.vigil.ipvs.format.IpvsTableFormatter;
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
import dev.vigil.ipvs.netlink.IpvsUnavailableException;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.sync.SyncDaemonController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vigil.ipvs.vm.GuestChecks.*;

/**
 * Guest side of {@link IpvsKernelVmTest}: runs inside the QEMU guest as root against the real IPVS kernel, with
 * {@code ipvsadm} as the independent oracle, and prints {@code VMCHECK name PASS|FAIL detail} lines, figures, then
 * {@code VMDONE}.
 */
public final class IpvsKernelChecks {
    /** How many VMCHECK lines a complete run prints. */
    static final int EXPECTED_CHECKS = 30;

    static final ServiceKey WEB = ServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.1"), 80);

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
        check("batch-attributes-each-refusal", () -> ReconcilerScenarios.batchAttributesEachRefusal(ipvs));
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
        check("reconciler-builds-table", () -> ReconcilerScenarios.reconcilerBuildsTable(ipvs));
        check("reconciler-follows-health", () -> ReconcilerScenarios.reconcilerFollowsHealth(ipvs));
        check("reconciler-adopts-and-stops", () -> ReconcilerScenarios.reconcilerAdoptsAndStops(ipvs));
        check("manager-lifecycle", () -> ReconcilerScenarios.managerLifecycle(ipvs));
        List<String> keepalivedLog = new ArrayList<>();
        List<String> vigilLog = new ArrayList<>();
        check("same-table-as-keepalived", () -> KeepalivedInterop.sameTableAsKeepalived(ipvs, keepalivedLog, vigilLog));
        check("same-log-lines-as-keepalived", () -> same(keepalivedLog, vigilLog));
        check("same-failover-as-keepalived", () -> KeepalivedInterop.sameFailoverAsKeepalived(ipvs));
        check("same-sync-daemon-as-keepalived", () -> KeepalivedInterop.sameSyncDaemonAsKeepalived(ipvs));
        check("benchmark-10000-real-servers", () -> ReconcilerScenarios.benchmark(ipvs));
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
}
