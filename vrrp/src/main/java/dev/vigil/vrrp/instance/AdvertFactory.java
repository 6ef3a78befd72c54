package dev.vigil.vrrp.instance;

import dev.vigil.vrrp.codec.AdvertEncoder;
import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.VrrpAdvert;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.UnicastPeer;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link InstanceAction.SendAdvert} into the datagrams to write to the raw socket. */
public final class AdvertFactory {
    private AdvertFactory() {}

    /** One IPv4 datagram and where it goes. */
    public record Outbound(Inet4Address destination, byte[] datagram) {}

    public static VrrpAdvert advert(InstanceSpec spec, int priority) {
        return VrrpAdvert.advertisement(spec.vrid(), priority, spec.adverIntSeconds(), spec.authType(),
                spec.authData(), spec.vips());
    }

    /** Multicast: one datagram to 224.0.0.18 with TTL 255; unicast: one per peer with {@code unicast_ttl}. */
    public static List<Outbound> datagrams(InstanceSpec spec, int priority) {
        VrrpAdvert advert = advert(spec, priority);
        if (!spec.unicast()) {
            return List.of(new Outbound(Ipv4.VRRP_GROUP,
                    AdvertEncoder.encodeDatagram(advert, spec.sourceAddress(), Ipv4.VRRP_GROUP, VrrpWire.TTL)));
        }
        List<Outbound> out = new ArrayList<>(spec.unicastPeers().size());
        for (UnicastPeer peer : spec.unicastPeers()) {
            out.add(new Outbound(peer.address(), AdvertEncoder.encodeDatagram(advert, spec.sourceAddress(),
                    peer.address(), spec.unicastTtl())));
        }
        return out;
    }
}
