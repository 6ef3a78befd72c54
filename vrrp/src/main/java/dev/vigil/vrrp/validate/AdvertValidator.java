package dev.vigil.vrrp.validate;

import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.codec.VrrpAdvert;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.UnicastPeer;
import java.net.Inet4Address;

/**
 * keepalived 2.2.7's receive validation ({@code vrrp_check_packet()}), check for check and in the same
 * order, for one instance. Pure: it does not touch counters; the caller applies {@link RejectReason#counter()}.
 */
public final class AdvertValidator {
    private final InstanceSpec spec;
    private final byte[] authData;
    private final String prefix;

    public AdvertValidator(InstanceSpec spec) {
        this.spec = spec;
        this.authData = spec.authData();
        this.prefix = "(" + spec.name() + ") ";
    }

    /** keepalived's line for an advert whose VRID no instance on the interface uses. */
    public static Verdict.Ignored unknownVrid(int vrid, String interfaceName, boolean logUnknownVrids) {
        return new Verdict.Ignored(logUnknownVrids
                ? "Unknown VRID(" + vrid + ") received on interface(" + interfaceName + "). ignoring..." : null);
    }

    /**
     * @param checkAddresses false only in BACKUP with {@code skip_check_adv_addr} when the advert comes
     *                       from the master already recorded (checks 11, 15 and 16 are then skipped)
     */
    public Verdict validate(ReceivedAdvert packet, boolean checkAddresses) {
        VrrpAdvert a = packet.advert();
        boolean ahConfigured = spec.authType() == AuthType.AH;
        if (packet.ahPresent() != ahConfigured) {
            return reject(packet.ahPresent() ? RejectReason.AH_UNEXPECTED : RejectReason.AH_MISSING);
        }
        int expected = packet.expectedLength();
        if (packet.receivedLength() != expected) {
            return reject(RejectReason.LENGTH, packet.receivedLength() > expected ? "long" : "short",
                    packet.receivedLength(), expected);
        }
        if (!spec.unicast() && packet.ip().ttl() != VrrpWire.TTL) {
            return reject(RejectReason.TTL, packet.ip().ttl(), VrrpWire.TTL);
        }
        if (a.version() != VrrpWire.VERSION_2) {
            return reject(RejectReason.VERSION, a.version(), VrrpWire.VERSION_2);
        }
        if (a.authType() > AuthType.AH.code()) {
            return reject(RejectReason.INVALID_AUTH_TYPE, a.authType());
        }
        if (a.authType() != spec.authType().code()) {
            return reject(RejectReason.AUTH_TYPE_MISMATCH, a.authType(), spec.authType().code());
        }
        if (spec.authType() == AuthType.PASS && !a.authDataEquals(authData)) {
            return reject(RejectReason.AUTH_FAILURE);
        }
        if (ahConfigured) {
            return reject(RejectReason.AH_UNSUPPORTED);
        }
        if (a.adverInt() != spec.adverIntSeconds()) {
            return reject(RejectReason.ADVERT_INTERVAL, spec.adverIntSeconds(), a.adverInt());
        }
        if (a.type() != VrrpWire.TYPE_ADVERTISEMENT) {
            return reject(RejectReason.INVALID_TYPE, a.type(), VrrpWire.TYPE_ADVERTISEMENT);
        }
        if (checkAddresses && a.addressCount() != spec.vips().size()) {
            return reject(RejectReason.ADDRESS_COUNT, a.addressCount(), spec.vips().size());
        }
        if (packet.ip().totalLength() != packet.receivedLength()) {
            return reject(RejectReason.IP_TOTAL_LENGTH, packet.ip().totalLength(), packet.receivedLength());
        }
        if (!packet.checksumValid()) {
            return reject(RejectReason.CHECKSUM);
        }
        if (packet.ip().isMulticastDestination() == spec.unicast()) {
            return reject(RejectReason.CAST_MISMATCH, spec.unicast() ? "un" : "mult", spec.unicast() ? "mult" : "un");
        }
        if (checkAddresses) {
            for (Inet4Address vip : spec.vips()) {
                if (!a.addresses().contains(vip)) {
                    return reject(RejectReason.VIP_MISSING, spec.vrid(), vip.getHostAddress());
                }
            }
            if (spec.unicast() && spec.checkUnicastSrc()) {
                return checkUnicastSource(packet);
            }
        }
        return Verdict.ACCEPTED;
    }

    private Verdict checkUnicastSource(ReceivedAdvert packet) {
        Inet4Address src = packet.ip().source();
        for (UnicastPeer peer : spec.unicastPeers()) {
            if (peer.address().equals(src)) {
                int ttl = packet.ip().ttl();
                if (ttl < peer.minTtl() || ttl > peer.maxTtl()) {
                    return reject(RejectReason.UNICAST_TTL, ttl, peer.minTtl(), peer.maxTtl());
                }
                return Verdict.ACCEPTED;
            }
        }
        return reject(RejectReason.UNICAST_SOURCE, src.getHostAddress());
    }

    private Verdict.Rejected reject(RejectReason reason, Object... args) {
        return new Verdict.Rejected(reason, prefix + String.format(reason.logFormat(), args));
    }
}
