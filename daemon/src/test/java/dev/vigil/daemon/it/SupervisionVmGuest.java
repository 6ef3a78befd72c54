package dev.vigil.daemon.it;

import static dev.vigil.ipvs.vm.GuestChecks.check;
import static dev.vigil.ipvs.vm.GuestChecks.contains;
import static dev.vigil.ipvs.vm.GuestChecks.expect;
import static dev.vigil.ipvs.vm.GuestChecks.figure;
import static dev.vigil.ipvs.vm.GuestChecks.firstFailure;
import static dev.vigil.ipvs.vm.GuestChecks.ipvsadm;
import static dev.vigil.ipvs.vm.GuestChecks.sh;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Guest program (run by {@link SupervisionVmTest} inside QEMU, on a real IPVS kernel): a whole Vigil daemon with a
 * VRRP instance and a checked virtual server. Its VRRP thread is killed (test-only {@code FaultInjectingMain}); the
 * checker subsystem must not notice: the real server never leaves the IPVS table while VRRP restarts, and afterwards
 * the checks still act on the table.
 */
public final class SupervisionVmGuest {
    private static final Path LOG = Path.of("/tmp/daemon-supervised.log");

    static final String CONF = """
            vrrp_instance VI_1 {
              state MASTER
              interface vc0
              virtual_router_id 51
              priority 255
              advert_int 1
              virtual_ipaddress {
                10.1.0.100
              }
            }
            virtual_server 10.1.0.100 80 {
              delay_loop 1
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 10.1.1.2 80 {
                TCP_CHECK {
                  connect_timeout 1
                }
              }
            }
            """;

    static final String TOPOLOGY = """
            set -e
            sysctl -qw net.ipv4.ip_forward=1
            ip link add vc0 type veth peer name vc1
            ip addr add 10.1.0.1/24 dev vc0
            ip link set vc0 up
            ip link set vc1 up
            ip netns add rs1
            ip -n rs1 link set lo up
            ip link add vr1 type veth peer name eth0 netns rs1
            ip addr add 10.1.1.1/24 dev vr1
            ip link set vr1 up
            ip -n rs1 addr add 10.1.1.2/24 dev eth0
            ip -n rs1 link set eth0 up
            mkdir -p /tmp/www
            echo rs1 > /tmp/www/index.html
            """;

    private SupervisionVmGuest() {
    }

    public static void main(String[] args) throws Exception {
        int code = 0;
        Process httpd = null;
        Process daemon = null;
        try {
            sh("/bin/sh", "-c", TOPOLOGY);
            httpd = new ProcessBuilder("nsenter", "--net=/run/netns/rs1", "/usr/bin/busybox", "httpd", "-f", "-p",
                    "80", "-h", "/tmp/www").redirectErrorStream(true).redirectOutput(new File("/tmp/httpd.log"))
                    .start();
            Files.writeString(Path.of("/tmp/keepalived.conf"), CONF);
            Files.writeString(Path.of("/tmp/vigil.conf"), "vigil.status.socket = \"/tmp/vigil.sock\"\n");
            String java = ProcessHandle.current().info().command().orElse("java");
            daemon = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), "dev.vigil.daemon.FaultInjectingMain", "/tmp/crash-vrrp",
                    "-l", "-n", "-D", "-f", "/tmp/keepalived.conf", "-p", "/tmp/vigil.pid", "--settings",
                    "/tmp/vigil.conf").redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
            Process d = daemon;
            check("daemon_up_with_vrrp_master_and_real_server", () -> {
                long t0 = System.nanoTime();
                boolean up = await(() -> log().contains("(VI_1) Entering MASTER STATE")
                        && ipvsadm("-Ln").contains("10.1.1.2:80"), 240);
                figure("supervised_daemon_startup_ms", (System.nanoTime() - t0) / 1_000_000);
                return expect(up && d.isAlive(), "not up:\n" + ipvsadm("-Ln") + "\n" + log());
            });
            check("real_server_stays_while_vrrp_restarts", () -> {
                Files.writeString(Path.of("/tmp/crash-vrrp"), "");
                long t0 = System.nanoTime();
                boolean gone = false;
                while (count("(VI_1) Entering MASTER STATE") < 2 && System.nanoTime() - t0 < seconds(120)) {
                    gone |= !ipvsadm("-Ln").contains("10.1.1.2:80");
                    Thread.sleep(100);
                }
                figure("vrrp_crash_to_master_ms", (System.nanoTime() - t0) / 1_000_000);
                return firstFailure(contains(log(), "VRRP subsystem died: Respawning"),
                        contains(log(), "Restarting the VRRP subsystem"),
                        expect(count("(VI_1) Entering MASTER STATE") == 2, "not MASTER again:\n" + log()),
                        expect(!gone, "the real server left the IPVS table during the VRRP restart"),
                        expect(!log().contains("Healthcheck subsystem died"), "the checker died too:\n" + log()));
            });
            check("vip_configured_once_after_restart", () -> {
                String addrs = sh("ip", "-4", "-o", "addr", "show", "dev", "vc0");
                long n = addrs.lines().filter(l -> l.contains(" inet 10.1.0.100/")).count();
                return expect(n == 1, "VIP " + n + " times:\n" + addrs);
            });
            Process server = httpd;
            check("checks_still_act_after_the_vrrp_restart", () -> {
                server.destroyForcibly();
                server.waitFor(5, TimeUnit.SECONDS);
                boolean removed = await(() -> !ipvsadm("-Ln").contains("10.1.1.2:80"), 60);
                return expect(removed, "dead real server still in the table:\n" + ipvsadm("-Ln"));
            });
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            code = 1;
        } finally {
            if (daemon != null) {
                daemon.destroy();
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
            if (httpd != null) {
                httpd.destroyForcibly();
            }
            System.out.println("--- daemon log ---\n" + (Files.exists(LOG) ? Files.readString(LOG) : ""));
        }
        System.out.println("VMDONE");
        System.out.flush();
        System.exit(code);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean await(Condition c, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds(seconds);
        while (System.nanoTime() < deadline) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(200);
        }
        return c.holds();
    }

    private static long seconds(int s) {
        return TimeUnit.SECONDS.toNanos(s);
    }

    private static String log() throws Exception {
        return Files.exists(LOG) ? Files.readString(LOG) : "";
    }

    private static long count(String fragment) throws Exception {
        return log().lines().filter(l -> l.contains(fragment)).count();
    }

    static List<String> checkNames() {
        return List.of("daemon_up_with_vrrp_master_and_real_server", "real_server_stays_while_vrrp_restarts",
                "vip_configured_once_after_restart", "checks_still_act_after_the_vrrp_restart");
    }
}
