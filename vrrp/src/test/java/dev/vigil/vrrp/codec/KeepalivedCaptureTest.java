package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.validate.AdvertValidator;
import dev.vigil.vrrp.validate.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames captured with {@code tcpdump -xx} from keepalived 2.2.7 (this machine's Debian package) in a
 * private netns: VI_1, vrid 51, priority 150, PASS "secret12", VIP 10.99.0.100, interface MAC
 * 52:54:00:12:34:56, address 10.99.0.1. Vigil must produce and accept the same bytes.
 */
class KeepalivedCaptureTest {
    /** IPv4 datagram of a priority-150 advert; the kernel chose IP id 1 (and the IP checksum with it). */
    static final String ADVERT = "45c0 0028 0001 0000 ff70 d02e 0a63 0001 e000 0012"
            + "2133 9601 0101 cf84 0a63 0064 7365 6372 6574 3132";
    /** The priority-0 advert sent on shutdown (IP id 3). */
    static final String STOP_ADVERT = "45c0 0028 0003 0000 ff70 d02c 0a63 0001 e000 0012"
            + "2133 0001 0101 6585 0a63 0064 7365 6372 6574 3132";
    /** Gratuitous ARP after entering MASTER. */
    static final String GARP = "ffff ffff ffff 5254 0012 3456 0806 0001 0800 0604 0001 5254 0012 3456 0a63 0064"
            + "ffff ffff ffff 0a63 0064";

    static final InstanceSpec BACKUP = InstanceSpec.builder("VI_1", 51, Ipv4.parse("10.99.0.2")).priority(100)
            .passAuth("secret12").vips(List.of(Ipv4.parse("10.99.0.100"))).build();

    /** Our datagram with the IP id the kernel would have filled in (we send id 0) and its checksum. */
    static byte[] withKernelId(byte[] d, int id) {
        byte[] c = Arrays.copyOf(d, d.length);
        c[VrrpWire.IP_ID + 1] = (byte) id;
        c[VrrpWire.IP_CHECKSUM] = 0;
        c[VrrpWire.IP_CHECKSUM + 1] = 0;
        int sum = InetChecksum.compute(c, 0, VrrpWire.IP_HEADER_LENGTH);
        c[VrrpWire.IP_CHECKSUM] = (byte) (sum >>> 8);
        c[VrrpWire.IP_CHECKSUM + 1] = (byte) sum;
        return c;
    }

    static VrrpAdvert ours(int priority) {
        return VrrpAdvert.advertisement(51, priority, 1, AuthType.PASS, AuthType.passwordData("secret12"),
                List.of(Ipv4.parse("10.99.0.100")));
    }

    @Test
    void ourAdvertIsByteIdenticalToKeepalivedsApartFromTheKernelsIpId() {
        byte[] mine = AdvertEncoder.encodeMulticast(ours(150), Ipv4.parse("10.99.0.1"));
        assertEquals(Hex.of(Hex.bytes(ADVERT)), Hex.of(withKernelId(mine, 1)));
        byte[] stop = AdvertEncoder.encodeMulticast(ours(0), Ipv4.parse("10.99.0.1"));
        assertEquals(Hex.of(Hex.bytes(STOP_ADVERT)), Hex.of(withKernelId(stop, 3)));
    }

    @Test
    void keepalivedsAdvertsPassOurValidation() {
        AdvertValidator v = new AdvertValidator(BACKUP);
        assertEquals(Verdict.ACCEPTED, v.validate(Packets.decode(Hex.bytes(ADVERT)), true));
        ReceivedAdvert stop = Packets.decode(Hex.bytes(STOP_ADVERT));
        assertEquals(Verdict.ACCEPTED, v.validate(stop, true));
        assertEquals(0, stop.advert().priority());
    }

    @Test
    void ourGratuitousArpIsByteIdenticalToKeepaliveds() {
        assertArrayEquals(Hex.bytes(GARP), GarpFrame.build(Hex.bytes("525400123456"), Ipv4.parse("10.99.0.100")));
    }
}
