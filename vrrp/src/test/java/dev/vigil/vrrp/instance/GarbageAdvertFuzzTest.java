package dev.vigil.vrrp.instance;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AdvertDecoder;
import dev.vigil.vrrp.codec.AdvertEncoder;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.validate.RejectReason;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruption of a priority-200 advert fed to a priority-150 MASTER: nothing throws, every
 * rejection is logged and counted, and the master only ever yields to an advert whose checked fields are all
 * still right (as in keepalived, IP header fields it does not check may be anything).
 */
class GarbageAdvertFuzzTest {

    @Test
    void corruptedAdvertsNeverCrashAndNeverUnseatTheMasterUnlessStillValid() {
        Random rnd = new Random(7);
        byte[] valid = AdvertEncoder.encodeMulticast(Packets.advert(51, 200, 1, "secret12", List.of(VIP)), IP_B);
        int yielded = 0;
        int logged = 0;
        for (int round = 0; round < 5_000; round++) {
            VrrpInstance master = new VrrpInstance(node("VI_1", IP_A, 150).build());
            master.handle(InstanceEvent.START, 0);
            master.handle(InstanceEvent.timer(TimerKind.MASTER_DOWN), 4_000_000_000L);
            assertEquals(VrrpState.MASTER, master.state());

            byte[] d = Arrays.copyOf(valid, valid.length + (rnd.nextInt(4) == 0 ? rnd.nextInt(9) - 4 : 0));
            for (int flips = 1 + rnd.nextInt(3); flips > 0; flips--) {
                d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            if (!(AdvertDecoder.decode(d) instanceof DecodeResult.Decoded decoded)) {
                continue;
            }
            List<InstanceAction> actions = master.handle(new InstanceEvent.AdvertReceived(decoded.packet()),
                    5_000_000_000L);
            long errors = Arrays.stream(RejectReason.values()).map(RejectReason::counter).filter(c -> c != null)
                    .distinct().mapToLong(c -> master.stats().get(c)).sum();
            boolean rejectedLine = actions.stream().anyMatch(a -> a instanceof InstanceAction.LogLine l && !l.detail()
                    && !l.text().contains("advert from"));
            if (master.state() == VrrpState.BACKUP) {
                yielded++;
                // only an advert that passed every check may unseat the master
                var p = decoded.packet();
                var a = p.advert();
                assertTrue(p.checksumValid(), "yielded to a bad checksum");
                assertEquals(0, errors);
                assertEquals(List.of(2, 1, 51, 1, 1, 255, p.receivedLength()), List.of(a.version(), a.type(), a.vrid(),
                        a.authType(), a.adverInt(), p.ip().ttl(), p.ip().totalLength()));
                assertEquals(List.of(VIP), a.addresses());
                assertTrue(a.authDataEquals(dev.vigil.vrrp.codec.AuthType.passwordData("secret12")));
                assertTrue(a.priority() >= 150);
            } else if (rejectedLine) {
                logged++;
                assertTrue(errors > 0 || actions.stream().anyMatch(a -> a instanceof InstanceAction.LogLine l
                        && l.text().contains("not a unicast peer")), "rejection counted: " + actions);
            }
        }
        assertTrue(logged > 1_000, "most corruptions are caught and logged: " + logged);
        // flips in IP header fields nobody validates (TOS, id, fragment, IP checksum, source) are harmless
        assertTrue(yielded > 0, "harmless corruptions are tolerated: " + yielded);
    }
}
