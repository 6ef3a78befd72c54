package dev.vigil.ipvs.model;

/**
 * IPVS traffic counters (IPVS_STATS_ATTR_*; the 64-bit set when the kernel provides it).
 * Rates are per second as the kernel estimates them.
 */
public record IpvsStats(long conns, long inPackets, long outPackets, long inBytes, long outBytes,
                        long cps, long inPps, long outPps, long inBps, long outBps) {
    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
