package dev.vigil.ipvs.vm;

import dev.vigil.ipvs.IpvsManager;
import dev.vigil.ipvs.config.KeepalivedIpvsConfig;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.StopPolicy;
import dev.vigil.ipvs.sync.SyncDaemonController;
import dev.vigil.linux.testing.Keepalived;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.ipvs.vm.GuestChecks.*;

/** Guest scenarios: the same keepalived.conf run by keepalived 2.2.7 and by Vigil must leave the same kernel state. */
final class KeepalivedInterop {
    private KeepalivedInterop() {
    }

    static final String KEEPALIVED_CONF = """
            global_defs {
                router_id vigil-vm
                lvs_timeouts tcp 7200 tcpfin 60 udp 120
            }
            virtual_server_group web {
                10.0.0.10-12 80
                fwmark 7
            }
            virtual_server 10.0.0.1 80 {
                lb_algo wrr
                lb_kind DR
                protocol TCP
                persistence_timeout 300
                persistence_granularity 255.255.255.0
                quorum 2
                hysteresis 1
                sorry_server 10.0.1.99 80
                sorry_server_inhibit
                inhibit_on_failure
                real_server 10.0.1.2 80 {
                    weight 3
                }
                real_server 10.0.1.3 80 {
                    weight 1
                    lvs_method NAT
                }
            }
            virtual_server group web {
                lb_algo sh
                lb_kind NAT
                sh-port
                protocol TCP
                real_server 10.0.2.9 80 {
                }
            }
            virtual_server fwmark 9 {
                lb_algo rr
                lb_kind DR
                real_server 10.0.3.1 0 {
                    weight 2
                }
            }
            virtual_server 10.0.0.2 53 {
                lb_algo lc
                lb_kind NAT
                protocol UDP
                ops
                quorum 5
                sorry_server 10.0.4.99 53
                real_server 10.0.4.1 53 {
                    uthreshold 100
                    lthreshold 10
                }
            }
            """;

    static final String FAILOVER_CONF = """
            virtual_server 10.0.0.1 80 {
                lb_algo wrr
                lb_kind NAT
                protocol TCP
                delay_loop 1
                quorum 2
                sorry_server 10.0.1.99 80
                sorry_server_inhibit
                real_server 10.0.1.2 80 {
                    weight 3
                    inhibit_on_failure
                    TCP_CHECK {
                        connect_ip 127.0.0.1
                        connect_port 1
                        connect_timeout 1
                        retry 0
                        warmup 0
                    }
                }
                real_server 10.0.1.3 80 {
                    weight 1
                }
            }
            """;

    private static final java.util.regex.Pattern EVENT = java.util.regex.Pattern.compile(
            "(Gained quorum|Lost quorum|Starting with quorum|(Adding|Removing|Enabling|Disabling) (sorry server|service)"
                    + "|(Adding alive servers to|Removing alive servers from) the pool).*");

    /** keepalived's IPVS event lines from its console log (prefix "Keepalived_healthcheckers[pid]: " removed). */
    static List<String> keepalivedEvents(Keepalived keepalived) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : keepalived.logLines()) {
            String message = line.substring(line.indexOf(": ") + 2).trim();
            if (EVENT.matcher(message).matches()) {
                out.add(message);
            }
        }
        return out;
    }

    /**
     * A real server's health check fails under keepalived (its TCP_CHECK targets a closed port): quorum is lost and the
     * inhibited sorry server takes over; then the port opens and everything comes back. Vigil's manager, told the same
     * verdicts, must produce the same tables and log lines.
     */
    static String sameFailoverAsKeepalived(IpvsClient ipvs) throws Exception {
        ipvs.flush();
        Keepalived keepalived = Keepalived.startHere(Path.of("/tmp/keepalived-failover"), FAILOVER_CONF, "-C");
        String theirs;
        String theirsRecovered;
        try (keepalived) {
            theirs = awaitStable(() -> ipvsadm("-Ln"), t -> t.contains("  -> 10.0.1.99:80                 Masq    1"));
            // the checked port opens: keepalived's next check succeeds and the real server returns
            try (java.net.ServerSocket listener = new java.net.ServerSocket(1, 50, InetAddress.getLoopbackAddress())) {
                theirsRecovered = awaitStable(() -> ipvsadm("-Ln"),
                        t -> t.contains("  -> 10.0.1.2:80                  Masq    3"));
            }
        }
        List<String> theirLog = keepalivedEvents(keepalived);
        List<String> ourLog = new ArrayList<>();
        KeepalivedIpvsConfig config = load(keepalived);
        IpvsManager manager = new IpvsManager(ipvs, line -> {
            if (EVENT.matcher(line).matches()) {
                ourLog.add(line);
            }
        });
        manager.start(config.virtualServers(), false, null);
        manager.setAlive("[10.0.0.1]:tcp:80", new DestKey(ip("10.0.1.2"), 80), false);
        String ours = ipvsadm("-Ln");
        manager.setAlive("[10.0.0.1]:tcp:80", new DestKey(ip("10.0.1.2"), 80), true);
        String oursRecovered = ipvsadm("-Ln");
        manager.stop(StopPolicy.REMOVE);
        theirLog.forEach(line -> System.out.println("keepalived: " + line));
        return firstFailure(expect(theirLog.stream().anyMatch(l -> l.startsWith("Lost quorum")),
                "keepalived never lost quorum: " + theirLog), same(theirs, ours), same(theirsRecovered, oursRecovered),
                same(theirLog, ourLog));
    }

    /**
     * The same keepalived.conf run by the real keepalived 2.2.7 (checker only) and by Vigil's manager: the kernel
     * must end up with the same table, and the quorum/sorry-server log lines must be keepalived's.
     */
    static String sameTableAsKeepalived(IpvsClient ipvs, List<String> keepalivedLog, List<String> vigilLog)
            throws Exception {
        ipvs.flush();
        Keepalived keepalived = Keepalived.startHere(Path.of("/tmp/keepalived-table"), KEEPALIVED_CONF, "-C");
        String theirs;
        String theirThresholds;
        String theirTimeouts;
        try (keepalived) {
            theirs = awaitStable(() -> ipvsadm("-Ln"), t -> t.contains("UDP  10.0.0.2:53"));
            theirThresholds = ipvsadm("-Ln", "--thresholds");
            theirTimeouts = ipvsadm("-L", "--timeout");
        }
        String afterKeepalived = ipvsadm("-Ln");
        for (String line : keepalived.logLines()) {
            // the quorum and sorry-server events; configuration warnings are the conf module's diagnostics
            boolean event = line.contains("quorum") || line.contains("sorry server") || line.contains("the pool for VS");
            if (event && !line.contains("Warning")) {
                keepalivedLog.add(line.substring(line.indexOf(": ") + 2).trim());
            }
        }
        IpvsTimeouts before = ipvs.timeouts();
        KeepalivedIpvsConfig config = load(keepalived);
        IpvsManager manager = new IpvsManager(ipvs, line -> {
            if (line.contains("quorum") || line.contains("sorry server") || line.contains("the pool for VS")) {
                vigilLog.add(line);
            }
        });
        List<IpvsException> failures = manager.start(config.virtualServers(), config.lvsFlush(), config.timeouts());
        String ours = ipvsadm("-Ln");
        String ourThresholds = ipvsadm("-Ln", "--thresholds");
        String ourTimeouts = ipvsadm("-L", "--timeout");
        manager.stop(config.stopPolicy(false));
        String afterVigil = ipvsadm("-Ln");
        return firstFailure(same(List.of(), failures), same(theirs, ours), same(theirThresholds, ourThresholds),
                same(theirTimeouts, ourTimeouts),
                same(3, (int) afterKeepalived.lines().count(), "keepalived left services: " + afterKeepalived),
                same(3, (int) afterVigil.lines().count(), "vigil left services: " + afterVigil),
                same(before, ipvs.timeouts(), "timeouts restored"));
    }

    /** The configuration keepalived ran, as Vigil reads it. */
    private static KeepalivedIpvsConfig load(Keepalived keepalived) {
        return KeepalivedIpvsConfig.from(dev.vigil.conf.ConfigLoader.load(keepalived.dir().resolve("keepalived.conf"),
                dev.vigil.conf.LoadOptions.defaults()).config());
    }

    static final String SYNC_CONF = """
            global_defs {
                lvs_sync_daemon vglsync0 VI_1 maxlen 1400
            }
            vrrp_instance VI_1 {
                state MASTER
                interface vglsync0
                virtual_router_id 51
                priority 150
                advert_int 1
                virtual_ipaddress {
                    192.0.2.100/24
                }
            }
            """;

    /**
     * keepalived's VRRP process runs the sync daemon of {@code lvs_sync_daemon} as its instance's role says; alone on
     * its link the instance becomes MASTER. Vigil's controller, told the same, must leave the same daemon (syncid =
     * the VRID by default). Needs the vglsync0 link of the sync-daemons check.
     */
    static String sameSyncDaemonAsKeepalived(IpvsClient ipvs) throws Exception {
        Keepalived keepalived = Keepalived.startHere(Path.of("/tmp/keepalived-sync"), SYNC_CONF, "-P");
        String theirs;
        try (keepalived) {
            theirs = awaitStable(() -> ipvsadm("-L", "--daemon"), t -> t.startsWith("master sync daemon"));
        }
        String afterKeepalived = ipvsadm("-L", "--daemon");
        KeepalivedIpvsConfig config = load(keepalived);
        SyncDaemonController controller = new SyncDaemonController(config.syncDaemon(), config.syncInstance() != null,
                ipvs);
        controller.start();
        String ourBackup = ipvsadm("-L", "--daemon");
        controller.instanceStateChanged(true);
        String ours = ipvsadm("-L", "--daemon");
        controller.stop();
        System.out.print("keepalived: " + theirs);
        return firstFailure(same(theirs, ours), same("", afterKeepalived, "keepalived left a daemon"),
                contains(theirs, "syncid=51"), same(ours.replace("master", "backup"), ourBackup),
                same("", ipvsadm("-L", "--daemon"), "vigil left a daemon"));
    }
}
