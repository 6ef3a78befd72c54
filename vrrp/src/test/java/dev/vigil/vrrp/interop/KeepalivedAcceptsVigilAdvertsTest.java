package dev.vigil.vrrp.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.Dirs;
import dev.vigil.linux.testing.Keepalived;
import dev.vigil.linux.testing.Netns;
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
        Path dir = Files.createTempDirectory("vgl-vrrp-interop");
        String text;
        try (Netns nsK = Netns.create("vk"); Netns nsV = Netns.create("vv")) {
            InstanceSpec vigil = Specs.node("VI_1", Ipv4.parse("10.99.0.2"), 150).build();
            List<String> datagrams = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                datagrams.add(HexFormat.of().formatHex(AdvertFactory.datagrams(vigil, 150).get(0).datagram()));
            }
            datagrams.add(HexFormat.of().formatHex(AdvertFactory.datagrams(vigil, 0).get(0).datagram()));
            Files.write(dir.resolve("dgrams.txt"), datagrams);
            Files.writeString(dir.resolve("send.py"), SENDER);
            nsK.veth("vgva", nsV, "vgvb");
            nsK.address("vgva", "10.99.0.1/24");
            nsV.address("vgvb", "10.99.0.2/24");
            // The sender goes first: python's start-up on a loaded machine can outlast keepalived's 3.6 s
            // Master_Down_Interval, so adverts must already be flowing when keepalived enters BACKUP.
            Path senderLog = dir.resolve("sender.log");
            Process sender = nsV.start(senderLog, "python3", "-u", dir.resolve("send.py").toString(),
                    dir.resolve("dgrams.txt").toString(), "vgvb");
            await().atMost(Duration.ofSeconds(10)).until(() -> read(senderLog).startsWith("ready") || !sender.isAlive());
            assertTrue(read(senderLog).startsWith("ready"), "sender started: " + read(senderLog));
            Keepalived keepalived = Keepalived.start(nsK, dir.resolve("keepalived"), CONF, "-D", "-P");
            try (keepalived) {
                keepalived.awaitLogged("Entering BACKUP STATE (init)", Duration.ofSeconds(10));
                assertTrue(sender.waitFor(40, TimeUnit.SECONDS), "sender finished");
                assertEquals(0, sender.exitValue(), read(senderLog));
                keepalived.awaitLogged("Entering MASTER STATE", Duration.ofSeconds(10));
            }
            text = keepalived.log();
        } finally {
            Dirs.deleteTree(dir);
        }
        int zero = text.indexOf("(VI_1) Backup received priority 0 advertisement");
        int master = text.indexOf("(VI_1) Entering MASTER STATE");
        assertTrue(zero >= 0 && master > zero, "keepalived took over only after the priority-0 advert:\n" + text);
        for (String bad : List.of("invalid", "mismatch", "wrong version", "too short", "too long", "unexpected")) {
            assertTrue(!text.contains(bad), "keepalived complained (" + bad + "):\n" + text);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
