package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.VrrpWire.*;

import java.net.Inet4Address;

/**
 * The 42-byte gratuitous ARP Ethernet frame keepalived broadcasts for a VIP: an ARP request with
 * sender and target IP both the VIP, sender MAC the interface MAC and target MAC all-ones.
 */
public final class GarpFrame {
    private GarpFrame() {}

    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    public static byte[] build(byte[] sourceMac, Inet4Address vip) {
        if (sourceMac.length != MAC_LENGTH) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + sourceMac.length);
        }
        byte[] ip = vip.getAddress();
        byte[] f = new byte[GARP_FRAME_LENGTH];
        System.arraycopy(BROADCAST, 0, f, ETH_DST, MAC_LENGTH);
        System.arraycopy(sourceMac, 0, f, ETH_SRC, MAC_LENGTH);
        put16(f, ETH_TYPE, ETH_P_ARP);
        put16(f, ARP_HTYPE, ARPHRD_ETHER);
        put16(f, ARP_PTYPE, ETH_P_IP);
        f[ARP_HLEN] = MAC_LENGTH;
        f[ARP_PLEN] = 4;
        put16(f, ARP_OPER, ARPOP_REQUEST);
        System.arraycopy(sourceMac, 0, f, ARP_SHA, MAC_LENGTH);
        System.arraycopy(ip, 0, f, ARP_SPA, 4);
        System.arraycopy(BROADCAST, 0, f, ARP_THA, MAC_LENGTH);
        System.arraycopy(ip, 0, f, ARP_TPA, 4);
        return f;
    }
}
