package dev.vigil.vrrp.validate;

import dev.vigil.vrrp.stats.Counter;

/**
 * Why an advert was discarded, in keepalived 2.2.7's check order ({@code vrrp_check_packet()}), with the
 * counter it bumps and its log text (a {@link String#format} pattern, without the {@code (VI_1) } prefix).
 * Checks after {@link #CAST_MISMATCH} run once the advert has been counted as received.
 */
public enum RejectReason {
    AH_UNEXPECTED(Counter.AUTH_TYPE_MISMATCH, "Received AH header but auth type not AH"),
    AH_MISSING(Counter.AUTH_TYPE_MISMATCH, "No AH header but auth type is AH"),
    LENGTH(Counter.PACKET_LENGTH_ERROR, "vrrp packet too %s, length %d and expect %d"),
    TTL(Counter.TTL_ERROR, "invalid TTL/HL. Received %d and expect %d"),
    VERSION(Counter.VERSION_ERROR, "wrong version. Received %d and expect %d"),
    INVALID_AUTH_TYPE(Counter.INVALID_AUTH_TYPE, "Invalid auth type: %d"),
    AUTH_TYPE_MISMATCH(Counter.AUTH_TYPE_MISMATCH, "received a %d auth, expecting %d!"),
    AUTH_FAILURE(Counter.AUTH_FAILURE, "received an invalid passwd!"),
    /** Vigil has no IPsec-AH: an AH-configured instance cannot authenticate anything. */
    AH_UNSUPPORTED(Counter.AUTH_FAILURE, "IPSEC-AH authentication is not supported"),
    /** keepalived drops without counting; Vigil counts it under "Advertisement Interval". */
    ADVERT_INTERVAL(Counter.ADVERT_INTERVAL_ERROR, "advertisement interval mismatch mine=%d sec rcv'd=%d sec"),
    INVALID_TYPE(Counter.INVALID_TYPE, "Invalid packet type. %d and expect %d"),
    ADDRESS_COUNT(Counter.ADDRESS_LIST_ERROR, "received an unexpected ip number count %d, expected %d!"),
    IP_TOTAL_LENGTH(Counter.PACKET_LENGTH_ERROR, "ip_tot_len mismatch against received length. %d and received %d"),
    CHECKSUM(Counter.CHECKSUM_ERROR, "Invalid VRRPv2 checksum"),
    CAST_MISMATCH(Counter.ADDRESS_LIST_ERROR, "Expected %sicast packet but received %sicast packet"),
    VIP_MISSING(Counter.ADDRESS_LIST_ERROR, "ip address associated with VRID %d not present in MASTER advert: %s"),
    UNICAST_SOURCE(null, "unicast source address %s not a unicast peer"),
    UNICAST_TTL(Counter.TTL_ERROR, "TTL/HL %d not in range %d - %d");

    private final Counter counter;
    private final String logFormat;

    RejectReason(Counter counter, String logFormat) {
        this.counter = counter;
        this.logFormat = logFormat;
    }

    /** The counter bumped, or null when keepalived counts nothing. */
    public Counter counter() {
        return counter;
    }

    public String logFormat() {
        return logFormat;
    }

    /** Whether the advert was already counted in "Advertisements Received" before this check failed. */
    public boolean countedAsReceived() {
        return ordinal() > CAST_MISMATCH.ordinal();
    }
}
