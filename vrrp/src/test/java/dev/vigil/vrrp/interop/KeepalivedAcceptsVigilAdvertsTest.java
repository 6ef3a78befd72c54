package dev.vigil.vrrp.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.instance.AdvertFactory;
import dev.vigil.vrrp.sim.Specs;
import dev.vigil.vrrp.spec.InstanceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The other direction: adverts encoded by Vigil are written to a raw socket (a few lines of Python, since
 * this module has no sockets) in one netns and received by a real keepalived 2.2.7 BACKUP (priority 100)
 * in another. keepalived must stay BACKUP through six priority-150 adverts — well past its 3.61 s
 * Master_Down_Interval — log no validation error, and take over only after Vigil's priority-0 advert.
 */
@Tag("keepalived")
class KeepalivedAcceptsVigilAdvertsTest {
    static final String CONF = """
            vrrp_instance VI_1 {
              state BACKUP
              interface vgva
              virtual_router_id 51
              priority 100
              advert_int 1
              authentication { auth_type PASS
                               auth_pass secret12 }
              virtual_ipaddress { 10.99.0.100 }
            }
            """;
    static final String SENDER = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
            s.setsockopt(socket.SOL_SOCKET, 25, sys.argv[2].encode() + b'\\0')
            print("ready", flush=True)
            for line in open(sys.argv[1]).read().split():
                s.sendto(bytes.fromhex(line), ('224.0.0.18', 0))
                time.sleep(1)
            """;

    @Test
    void keepalivedBackupAcceptsVigilAdvertsAndTakesOverOnPriorityZero() throws Exception {
        long id = ProcessHandle.current().pid() % 10000;
        String nsK = "vglk" + id;
        String nsV = "vglv" + id;
        Path dir = Files.createTempDirectory("vgl-vrrp-interop");
        Path log = dir.resolve("keepalived.log");
        try {
            InstanceSpec vigil = Specs.node("VI_1", Ipv4.parse("10.99.0.2"), 150).build();
            List<String> datagrams = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                datagrams.add(HexFormat.of().formatHex(AdvertFactory.datagrams(vigil, 150).get(0).datagram()));
            }
            datagrams.add(HexFormat.of().formatHex(AdvertFactory.datagrams(vigil, 0).get(0).datagram()));
            Files.write(dir.resolve("dgrams.txt"), datagrams);
            Files.writeString(dir.resolve("send.py"), SENDER);
            Files.writeString(dir.resolve("k.conf"), CONF);
            Process keepalived = null;
            try {
                run("ip", "netns", "add", nsK);
                run("ip", "netns", "add", nsV);
                run("ip", "link", "add", "vgva", "netns", nsK, "type", "veth", "peer", "name", "vgvb", "netns", nsV);
                run("ip", "-n", nsK, "addr", "add", "10.99.0.1/24", "dev", "vgva");
                run("ip", "-n", nsV, "addr", "add", "10.99.0.2/24", "dev", "vgvb");
                run("ip", "-n", nsK, "link", "set", "vgva", "up");
                run("ip", "-n", nsV, "link", "set", "vgvb", "up");
                // The sender goes first: python's start-up on a loaded machine can outlast keepalived's 3.6 s
                // Master_Down_Interval, so adverts must already be flowing when keepalived enters BACKUP.
                Process sender = new ProcessBuilder("ip", "netns", "exec", nsV, "python3", "-u",
                        dir.resolve("send.py").toString(), dir.resolve("dgrams.txt").toString(), "vgvb")
                        .redirectErrorStream(true).start();
                java.io.BufferedReader senderOut = new java.io.BufferedReader(
                        new java.io.InputStreamReader(sender.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                assertEquals("ready", senderOut.readLine(), "sender started");
                keepalived = new ProcessBuilder("ip", "netns", "exec", nsK, "keepalived", "-n", "-l", "-D", "-P",
                        "-f", dir.resolve("k.conf").toString(), "-p", dir.resolve("k.pid").toString(),
                        "-r", dir.resolve("v.pid").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                await().atMost(Duration.ofSeconds(10)).until(() -> read(log).contains("Entering BACKUP STATE (init)"));
                assertTrue(sender.waitFor(40, TimeUnit.SECONDS), "sender finished");
                StringBuilder rest = new StringBuilder();
                for (String l; (l = senderOut.readLine()) != null; ) {
                    rest.append(l).append('\n');
                }
                assertEquals(0, sender.exitValue(), rest.toString());
                await().atMost(Duration.ofSeconds(10)).until(() -> read(log).contains("Entering MASTER STATE"));
            } finally {
                if (keepalived != null) {
                    keepalived.destroy();
                    if (!keepalived.waitFor(10, TimeUnit.SECONDS)) {
                        keepalived.destroyForcibly();
                    }
                }
                new ProcessBuilder("ip", "netns", "del", nsK).start().waitFor(10, TimeUnit.SECONDS);
                new ProcessBuilder("ip", "netns", "del", nsV).start().waitFor(10, TimeUnit.SECONDS);
            }
            String text = read(log);
            int zero = text.indexOf("(VI_1) Backup received priority 0 advertisement");
            int master = text.indexOf("(VI_1) Entering MASTER STATE");
            assertTrue(zero >= 0 && master > zero, "keepalived took over only after the priority-0 advert:\n" + text);
            for (String bad : List.of("invalid", "mismatch", "wrong version", "too short", "too long", "unexpected")) {
                assertTrue(!text.contains(bad), "keepalived complained (" + bad + "):\n" + text);
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
