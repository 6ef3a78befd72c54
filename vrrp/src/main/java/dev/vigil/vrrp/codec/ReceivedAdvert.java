package dev.vigil.vrrp.codec;

/**
 * A datagram read from the raw socket, decoded as far as its bytes allow.
 *
 * @param receivedLength  bytes the socket returned (IP header included)
 * @param ahPresent       an IPsec AH header sat between IP and VRRP
 * @param checksumValid   the VRRP checksum over {@code 8 + 4·count + 8} bytes verifies (false when truncated)
 */
public record ReceivedAdvert(Ipv4Header ip, VrrpAdvert advert, int receivedLength, boolean ahPresent,
                             boolean checksumValid) {

    /** The length keepalived expects: IP header (+ AH) + the VRRP message for the advertised count. */
    public int expectedLength() {
        return ip.headerLength() + (ahPresent ? VrrpWire.AH_HEADER_LENGTH : 0)
                + VrrpWire.vrrpLength(advert.addressCount());
    }
}
