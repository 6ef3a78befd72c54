package dev.vigil.daemon.vm;

import static dev.vigil.ipvs.vm.GuestChecks.check;
import static dev.vigil.ipvs.vm.GuestChecks.contains;
import static dev.vigil.ipvs.vm.GuestChecks.expect;
import static dev.vigil.ipvs.vm.GuestChecks.figure;
import static dev.vigil.ipvs.vm.GuestChecks.firstFailure;
import static dev.vigil.ipvs.vm.GuestChecks.ipvsadm;
import static dev.vigil.ipvs.vm.GuestChecks.sh;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.daemon.lvs.CheckerSubsystem;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.ipvs.format.IpvsTableFormatter;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Guest program (run by {@link LvsVmTest} inside QEMU): Vigil's checker subsystem on a real IPVS kernel, with
 * network namespaces as real servers (busybox httpd), clients and a sorry server, in an LVS-NAT and an LVS-DR
 * topology. {@code ipvsadm} is the oracle for the table; the clients' HTTP answers show where traffic goes.
 *
 * <pre>
 *  NAT: client 10.1.0.2 -- vc0 [10.1.0.1, VIP 10.1.0.100] director [vr1 10.1.1.1] -- rs1 10.1.1.2
 *                                                        [vr2 10.1.2.1] -- rs2 10.1.2.2
 *                                                        [vs3 10.1.3.1] -- sorry 10.1.3.2
 *  DR:  bridge brdr [10.2.0.1, VIP 10.2.0.100] with c2 10.2.0.3, rs3 10.2.0.11, rs4 10.2.0.12 (VIP on their lo)
 * </pre>
 */
public final class LvsEndToEnd {
    /** delay_loop 2 + retry 1 x delay_before_retry 1 + 1 s: the bound for taking a dead server out. */
    static final long REMOVAL_BOUND_MS = 4_000;
    /**
     * Under TCG (no KVM: every instruction of the checker, the JVM and the guest kernel emulated) the same removal
     * measured 2.4-4.3 s between runs on the same code; the emulation gets this much on top of the bound. The
     * figure and whether the strict bound held are printed either way.
     */
    static final long TCG_ALLOWANCE_MS = 1_500;
    static final int EXPECTED_CHECKS = 21;

    private static final String BUSYBOX = "/usr/bin/busybox";
    private static final Map<String, Process> SERVERS = new HashMap<>();

    private LvsEndToEnd() {
    }

    static final String CONF = """
            global_defs {
              router_id vm_lvs
              lvs_sync_daemon vc0 VI_1
            }
            vrrp_instance VI_1 {
              interface vc0
              virtual_router_id 51
              priority 100
              virtual_ipaddress {
                10.1.0.100
              }
            }
            virtual_server 10.1.0.100 80 {
              delay_loop 2
              lb_algo rr
              lb_kind NAT
              protocol TCP
              quorum 2
              sorry_server 10.1.3.2 80
              quorum_up "/bin/sh -c 'echo quorum_up >> /tmp/notify.log'"
              quorum_down "/bin/sh -c 'echo quorum_down >> /tmp/notify.log'"
              real_server 10.1.1.2 80 {
                weight 2
                HTTP_GET {
                  url {
                    path /
                    status_code 200
                  }
                  connect_timeout 2
                  retry 1
                  delay_before_retry 1
                }
              }
              real_server 10.1.2.2 80 {
                weight 1
                notify_up "/bin/sh -c 'echo rs2_up >> /tmp/notify.log'"
                notify_down "/bin/sh -c 'echo rs2_down >> /tmp/notify.log'"
                TCP_CHECK {
                  connect_timeout 2
                  retry 1
                  delay_before_retry 1
                }
              }
            }
            virtual_server 10.1.0.100 81 {
              delay_loop 2
              lb_algo rr
              lb_kind NAT
              protocol TCP
              inhibit_on_failure
              real_server 10.1.2.2 80 {
                weight 5
                TCP_CHECK {
                  connect_timeout 2
                  retry 1
                  delay_before_retry 1
                }
              }
            }
            virtual_server 10.2.0.100 80 {
              delay_loop 2
              lb_algo rr
              lb_kind DR
              protocol TCP
              real_server 10.2.0.11 80 {
                HTTP_GET {
                  url {
                    path /
                    status_code 200
                  }
                  connect_timeout 2
                  retry 1
                  delay_before_retry 1
                }
              }
              real_server 10.2.0.12 80 {
                HTTP_GET {
                  url {
                    path /
                    status_code 200
                  }
                  connect_timeout 2
                  retry 1
                  delay_before_retry 1
                }
              }
            }
            """;

    static final String TOPOLOGY = """
            set -e
            sysctl -qw net.ipv4.ip_forward=1
            for n in client rs1 rs2 sorry c2 rs3 rs4; do ip netns add $n; ip -n $n link set lo up; done
            for spec in client:vc0:10.1.0 rs1:vr1:10.1.1 rs2:vr2:10.1.2 sorry:vs3:10.1.3; do
              set -- $(echo $spec | tr : ' '); ns=$1; dev=$2; net=$3
              ip link add $dev type veth peer name eth0 netns $ns
              ip addr add $net.1/24 dev $dev
              ip link set $dev up
              ip -n $ns addr add $net.2/24 dev eth0
              ip -n $ns link set eth0 up
              ip -n $ns route add default via $net.1
            done
            ip addr add 10.1.0.100/32 dev vc0
            ip link add brdr type bridge
            ip addr add 10.2.0.1/24 dev brdr
            ip addr add 10.2.0.100/32 dev brdr
            ip link set brdr up
            for spec in c2:vd0:10.2.0.3 rs3:vd3:10.2.0.11 rs4:vd4:10.2.0.12; do
              set -- $(echo $spec | tr : ' '); ns=$1; dev=$2; addr=$3
              ip link add $dev type veth peer name eth0 netns $ns
              ip link set $dev master brdr up
              ip -n $ns addr add $addr/24 dev eth0
              ip -n $ns link set eth0 up
            done
            for ns in rs3 rs4; do
              ip -n $ns addr add 10.2.0.100/32 dev lo
              nsenter --net=/run/netns/$ns sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
            done
            for n in rs1 rs2 sorry rs3 rs4; do mkdir -p /tmp/www/$n; echo $n > /tmp/www/$n/index.html; done
            """;

    public static void main(String[] args) throws Exception {
        int code = 0;
        CheckerSubsystem checker = null;
        try {
            sh("/bin/sh", "-c", TOPOLOGY);
            for (String rs : List.of("rs1", "rs2", "sorry", "rs3", "rs4")) {
                startServer(rs);
            }
            for (String addr : List.of("10.1.1.2", "10.1.2.2", "10.1.3.2", "10.2.0.11", "10.2.0.12")) {
                awaitListening(addr);
            }
            Path conf = Path.of("/tmp/keepalived.conf");
            Files.writeString(conf, CONF);
            LoadResult loaded = ConfigLoader.load(conf, LoadOptions.defaults());
            System.out.println("diagnostics: " + loaded.diagnostics());
            ScriptRunner scripts = new ScriptRunner();
            NotifyDispatcher notify = new NotifyDispatcher(scripts, NotifyFifos.none(), null, AlertPolicy.defaults(),
                    "vm_lvs", Clock.systemUTC());
            IpvsClient ipvs = IpvsClient.open();
            long t0 = System.nanoTime();
            checker = CheckerSubsystem.start(loaded.config(), ipvs, ipvs, notify, false,
                    HealthCheckerEngine.Options.defaults());
            figure("checker_start_ms", (System.nanoTime() - t0) / 1_000_000);
            scenarios(checker, ipvs);
            CheckerSubsystem stopping = checker;
            checker = null;
            stopping.close();
            check("stop_removes_services", () -> expect(!ipvsadm("-Ln").contains("TCP "),
                    "services left after stop: " + ipvsadm("-Ln")));
            ipvs.close();
            daemonProcess();
            daemonWithVrrp();
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            code = 1;
        } finally {
            if (checker != null) {
                checker.close();
            }
            SERVERS.values().forEach(Process::destroyForcibly);
        }
        System.out.println("VMDONE");
        System.out.flush();
        System.exit(code);
    }

    private static void scenarios(CheckerSubsystem checker, IpvsClient ipvs) throws Exception {
        check("nat_programmed", () -> {
            String t = awaitTable(s -> s.contains("10.1.2.2:80") && s.contains("10.1.0.100:81"));
            return firstFailure(contains(t, "TCP  10.1.0.100:80 rr"),
                    expect(t.matches("(?s).*-> 10\\.1\\.1\\.2:80 +Masq +2 .*"), "rs1 Masq weight 2 in\n" + t),
                    expect(t.matches("(?s).*-> 10\\.1\\.2\\.2:80 +Masq +1 .*"), "rs2 Masq weight 1 in\n" + t),
                    expect(!t.contains("10.1.3.2"), "sorry server in the table while quorum is up:\n" + t));
        });
        check("dr_programmed", () -> {
            String t = ipvsadm("-Ln");
            return firstFailure(contains(t, "TCP  10.2.0.100:80 rr"),
                    expect(t.matches("(?s).*-> 10\\.2\\.0\\.11:80 +Route +1 .*"), "rs3 Route in\n" + t),
                    expect(t.matches("(?s).*-> 10\\.2\\.0\\.12:80 +Route +1 .*"), "rs4 Route in\n" + t));
        });
        check("nat_client_reaches_both", () -> same(set("rs1", "rs2"), answers("client", "10.1.0.100", 6)));
        check("dr_client_reaches_both", () -> same(set("rs3", "rs4"), answers("c2", "10.2.0.100", 4)));
        check("sync_daemon_backup_at_start", () -> contains(ipvsadm("-L", "--daemon"),
                "backup sync daemon (mcast=vc0, syncid=51"));

        // rs2 dies: out of VS :80 within the bound, inhibited (weight 0) in VS :81
        long t0 = System.nanoTime();
        stopServer("rs2");
        // timed through the netlink client (the formatter prints what ipvsadm prints), 20 ms polls: a process
        // per poll would add TCG's fork+exec cost to the figure
        while (rs2InPort80(IpvsTableFormatter.list(ipvs.info(), ipvs.snapshot()))) {
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                throw new IOException("rs2 never left VS :80");
            }
            Thread.sleep(20);
        }
        long removalMs = (System.nanoTime() - t0) / 1_000_000;
        check("nat_removal_seen_by_ipvsadm", () -> expect(!rs2InPort80(ipvsadm("-Ln")), ipvsadm("-Ln")));
        figure("nat_removal_ms", removalMs);
        boolean emulated = Files.readString(Path.of("/proc/cpuinfo")).contains("QEMU");
        long bound = REMOVAL_BOUND_MS + (emulated ? TCG_ALLOWANCE_MS : 0);
        figure("nat_removal_within_strict_bound", removalMs <= REMOVAL_BOUND_MS ? 1 : 0);
        check("nat_removal_within_bound", () -> expect(removalMs <= bound,
                "rs2 left after " + removalMs + " ms > " + bound + (emulated ? " (4 s + TCG allowance)" : "")));
        check("nat_client_reaches_only_live", () -> same(set("rs1"), answers("client", "10.1.0.100", 4)));
        check("inhibit_on_failure_weight_0", () -> {
            String t = awaitTable(s -> s.matches("(?s).*10\\.1\\.0\\.100:81 rr\\n +-> 10\\.1\\.2\\.2:80 +Masq +0 .*"));
            return firstFailure(contains(Files.readString(Path.of("/tmp/notify.log")), "rs2_down"));
        });

        // rs1 dies too: quorum lost, the sorry server takes over; rs1 back: quorum regained, sorry server out
        stopServer("rs1");
        check("quorum_lost_sorry_server_in", () -> {
            awaitTable(s -> s.contains("10.1.3.2:80"));
            return firstFailure(same(set("sorry"), answers("client", "10.1.0.100", 2)),
                    awaitNotify("quorum_down"));
        });
        startServer("rs1");
        check("quorum_regained_sorry_server_out", () -> {
            awaitTable(s -> !s.contains("10.1.3.2:80") && s.contains("10.1.1.2:80"));
            return firstFailure(same(set("rs1"), answers("client", "10.1.0.100", 2)), awaitNotify("quorum_up"));
        });
        startServer("rs2");
        check("restarted_server_readded", () -> {
            awaitTable(s -> s.matches("(?s).*10\\.1\\.0\\.100:81 rr\\n +-> 10\\.1\\.2\\.2:80 +Masq +5 .*")
                    && s.matches("(?s).*10\\.1\\.0\\.100:80 rr\\n[^T]*10\\.1\\.2\\.2.*"));
            return firstFailure(same(set("rs1", "rs2"), answers("client", "10.1.0.100", 6)), awaitNotify("rs2_up"));
        });

        // DR: rs4 dies, the client reaches rs3 only
        stopServer("rs4");
        check("dr_removal_and_only_live", () -> {
            awaitTable(s -> !s.contains("10.2.0.12:80"));
            return same(set("rs3"), answers("c2", "10.2.0.100", 3));
        });

        // SIGHUP's path: VS :81 dropped, VS :80 and DR untouched
        Files.writeString(Path.of("/tmp/keepalived-reload.conf"), CONF.replaceAll(
                "(?s)virtual_server 10\\.1\\.0\\.100 81 \\{.*?\n}\n", ""));
        checker.reload(ConfigLoader.load(Path.of("/tmp/keepalived-reload.conf"), LoadOptions.defaults()).config());
        check("reload_removes_dropped_vs_keeps_others", () -> {
            String t = ipvsadm("-Ln");
            return firstFailure(expect(!t.contains("10.1.0.100:81"), "VS :81 still there:\n" + t),
                    expect(t.matches("(?s).*-> 10\\.1\\.1\\.2:80 +Masq +2 .*"), "rs1 lost:\n" + t),
                    expect(rs2InPort80(t), "rs2 lost:\n" + t), contains(t, "10.2.0.11:80"));
        });

        checker.vrrpInstanceStateChanged("VI_1", true);
        check("sync_daemon_master_on_vrrp_master", () -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String d = ipvsadm("-L", "--daemon");
            while (!d.contains("master sync daemon") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                d = ipvsadm("-L", "--daemon");
            }
            return firstFailure(contains(d, "master sync daemon (mcast=vc0, syncid=51"),
                    expect(!d.contains("backup sync daemon"), "backup daemon still running:\n" + d));
        });
        System.out.println(ipvsadm("-Ln"));
    }

    /**
     * The real daemon as a child process ({@code vigil -C}): its CheckerService bean programs the table,
     * {@code vigil ipvs list} prints what ipvsadm prints, SIGTERM removes Vigil's services.
     */
    private static void daemonProcess() throws Exception {
        Process daemon = startDaemon("checkers", "-C");
        try {
            check("daemon_programs_table", () -> {
                awaitTable(s -> s.matches("(?s).*10\\.1\\.0\\.100:80 rr\\n +-> 10\\.1\\.1\\.2:80 .*") && rs2InPort80(s)
                        && s.contains("10.2.0.12:80"));
                return null;
            });
            check("vigil_ipvs_list_equals_ipvsadm", () -> {
                java.io.StringWriter out = new java.io.StringWriter();
                picocli.CommandLine cl = dev.vigil.daemon.Main.commandLine(dev.vigil.daemon.ConfigReader.KEEPALIVED_CONF);
                cl.setOut(new java.io.PrintWriter(out));
                int rc = cl.execute("ipvs", "list");
                String mine = out.toString();
                String oracle = ipvsadm("-Ln");
                return firstFailure(expect(rc == 0, "exit " + rc), expect(mine.equals(oracle),
                        "vigil ipvs list:\n" + mine + "\nipvsadm -Ln:\n" + oracle));
            });
            daemon.destroy();   // SIGTERM
            boolean exited = daemon.waitFor(60, TimeUnit.SECONDS);
            check("daemon_sigterm_removes_services", () -> firstFailure(
                    expect(exited && daemon.exitValue() == 0, "exit " + (exited ? daemon.exitValue() : "none")),
                    expect(!ipvsadm("-Ln").contains("TCP "), "left:\n" + ipvsadm("-Ln"))));
        } finally {
            stopDaemon(daemon, "checkers");
        }
    }

    /**
     * VRRP and checkers in one daemon: VI_1, alone on its link, becomes MASTER and the bound sync daemon follows it
     * from backup to master (VrrpNotifier -> CheckerService); SIGTERM stops it.
     */
    private static void daemonWithVrrp() throws Exception {
        Process daemon = startDaemon("full");
        try {
            check("daemon_vrrp_master_makes_sync_daemon_master", () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String d = ipvsadm("-L", "--daemon");
                while (!d.contains("master sync daemon") && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    d = ipvsadm("-L", "--daemon");
                }
                return firstFailure(contains(d, "master sync daemon (mcast=vc0, syncid=51"),
                        expect(!d.contains("backup sync daemon"), "backup daemon still running:\n" + d),
                        contains(Files.readString(Path.of("/tmp/daemon-full.log")), "(VI_1) Entering MASTER STATE"));
            });
            daemon.destroy();
            boolean exited = daemon.waitFor(60, TimeUnit.SECONDS);
            check("daemon_with_vrrp_stops_cleanly", () -> firstFailure(
                    expect(exited && daemon.exitValue() == 0, "exit " + (exited ? daemon.exitValue() : "none")),
                    expect(ipvsadm("-L", "--daemon").isBlank(), "sync daemons left:\n" + ipvsadm("-L", "--daemon")),
                    expect(!ipvsadm("-Ln").contains("TCP "), "left:\n" + ipvsadm("-Ln"))));
        } finally {
            stopDaemon(daemon, "full");
        }
    }

    /** Starts bin/vigil's main class and waits for "Startup complete" (a fresh JVM under TCG is slow). */
    private static Process startDaemon(String name, String... flags) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-l", "-n", "-f", "/tmp/keepalived.conf", "-p", "/tmp/vigil-" + name + ".pid"));
        Path log = Path.of("/tmp/daemon-" + name + ".log");
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long t0 = System.nanoTime();
        while (!Files.readString(log).contains("Startup complete") && daemon.isAlive()
                && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(150)) {
            Thread.sleep(200);
        }
        figure("daemon_" + name + "_startup_ms", (System.nanoTime() - t0) / 1_000_000);
        return daemon;
    }

    private static void stopDaemon(Process daemon, String name) throws IOException {
        daemon.destroyForcibly();
        System.out.println("--- daemon " + name + " log ---\n" + Files.readString(Path.of("/tmp/daemon-" + name + ".log")));
    }

    private static boolean rs2InPort80(String table) {
        return table.matches("(?s).*10\\.1\\.0\\.100:80 rr\\n[^T]*10\\.1\\.2\\.2.*");
    }

    private static TreeSet<String> set(String... names) {
        return new TreeSet<>(List.of(names));
    }

    private static String same(Object expected, Object actual) {
        return expected.equals(actual) ? null : "expected " + expected + " but was " + actual;
    }

    /** The distinct bodies {@code n} client requests got (each a new connection; curl's error text on failure). */
    private static TreeSet<String> answers(String ns, String vip, int n) throws Exception {
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder("nsenter", "--net=/run/netns/" + ns, "curl", "-sS", "-m", "3",
                    "http://" + vip + "/").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            seen.add(p.exitValue() == 0 ? out : "error: " + out);
        }
        return seen;
    }

    /** Polls ipvsadm -Ln (the oracle) every 100 ms until {@code done}; 30 s at most. */
    private static String awaitTable(Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String t = ipvsadm("-Ln");
        while (!done.test(t)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("table did not reach the expected state within 30 s:\n" + t);
            }
            Thread.sleep(100);
            t = ipvsadm("-Ln");
        }
        return t;
    }

    private static String awaitNotify(String line) throws Exception {
        Path log = Path.of("/tmp/notify.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).contains(line)) {
                return null;
            }
            Thread.sleep(100);
        }
        return "no " + line + " in /tmp/notify.log: " + (Files.exists(log) ? Files.readString(log) : "(none)");
    }

    private static void startServer(String ns) throws IOException {
        Process p = new ProcessBuilder("nsenter", "--net=/run/netns/" + ns, BUSYBOX, "httpd", "-f", "-p", "80",
                "-h", "/tmp/www/" + ns).redirectErrorStream(true)
                .redirectOutput(new File("/tmp/httpd-" + ns + ".log")).start();
        SERVERS.put(ns, p);
    }

    private static void stopServer(String ns) throws InterruptedException {
        Process p = SERVERS.remove(ns);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    private static void awaitListening(String address) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, 80), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(address + ":80 never listened", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
