package dev.vigil.vrrp.stats;

/**
 * Per-instance counters. The first group are the ones keepalived 2.2.7 prints to
 * {@code /tmp/keepalived.stats}; the last two it keeps only for SNMP, Vigil shows them in status.
 */
public enum Counter {
    ADVERT_RECEIVED,
    ADVERT_SENT,
    BECAME_MASTER,
    RELEASED_MASTER,
    PACKET_LENGTH_ERROR,
    TTL_ERROR,
    INVALID_TYPE,
    ADVERT_INTERVAL_ERROR,
    ADDRESS_LIST_ERROR,
    INVALID_AUTH_TYPE,
    AUTH_TYPE_MISMATCH,
    AUTH_FAILURE,
    PRIORITY_ZERO_RECEIVED,
    PRIORITY_ZERO_SENT,
    VERSION_ERROR,
    CHECKSUM_ERROR
}
