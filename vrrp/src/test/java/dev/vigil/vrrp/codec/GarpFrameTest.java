package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GarpFrameTest {
    @Test
    void gratuitousArpRequestFor10_99_0_100() {
        byte[] mac = Hex.bytes("525400123456");
        String expected = "ffffffffffff 525400123456 0806"      // Ethernet: broadcast, our MAC, ARP
                + "0001 0800 06 04 0001"                       // Ethernet/IPv4, request
                + "525400123456 0a630064"                      // sha = MAC, spa = VIP
                + "ffffffffffff 0a630064";                     // tha = ff×6, tpa = VIP
        byte[] frame = GarpFrame.build(mac, Ipv4.parse("10.99.0.100"));
        assertEquals(42, frame.length);
        assertEquals(Hex.of(Hex.bytes(expected)), Hex.of(frame));
    }
}
