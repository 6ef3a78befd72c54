package dev.vigil.daemon.bench;

import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Failover figures read off a client-side capture (tcpdump's timestamps only: the daemons' own clocks and logs are
 * never trusted). All times are µs since the epoch.
 */
final class FailoverAnalysis {
    private FailoverAnalysis() {
    }

    /** RFC 3768 Skew_Time in µs: ((256 − priority) × Advertisement_Interval) / 256. */
    static long skewMicros(int priority, long advertMicros) {
        return (256 - priority) * advertMicros / 256;
    }

    /** RFC 3768 Master_Down_Interval in µs: 3 × Advertisement_Interval + Skew_Time. */
    static long masterDownMicros(int priority, long advertMicros) {
        return 3 * advertMicros + skewMicros(priority, advertMicros);
    }

    /**
     * Hard failure: first GARP of the new master minus (last advert of the old master + Master_Down_Interval). The
     * last advert is the last one at {@code oldPriority} from {@code oldIp} before {@code failedAt}.
     */
    static OptionalLong takeoverBeyondMasterDown(List<CapturedPacket> pkts, String oldIp, int oldPriority,
            String newMac, String vip, long failedAt, long masterDownMicros) {
        OptionalLong last = pkts.stream()
                .filter(p -> p.micros() <= failedAt && isAdvert(p, oldIp, oldPriority))
                .mapToLong(CapturedPacket::micros).max();
        if (last.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong garp = firstGarpAfter(pkts, newMac, vip, last.getAsLong());
        return garp.isEmpty() ? garp : OptionalLong.of(garp.getAsLong() - last.getAsLong() - masterDownMicros);
    }

    /** Graceful stop: first GARP of the new master minus the old master's priority-0 advert, minus Skew_Time. */
    static OptionalLong handoverBeyondSkew(List<CapturedPacket> pkts, String oldIp, String newMac, String vip,
            long stoppedAt, long skewMicros) {
        OptionalLong resign = pkts.stream()
                .filter(p -> p.micros() >= stoppedAt && isAdvert(p, oldIp, 0))
                .mapToLong(CapturedPacket::micros).min();
        if (resign.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong garp = firstGarpAfter(pkts, newMac, vip, resign.getAsLong());
        return garp.isEmpty() ? garp : OptionalLong.of(garp.getAsLong() - resign.getAsLong() - skewMicros);
    }

    /**
     * |inter-advert gap − advert_int| for every pair of consecutive adverts of a master at {@code priority}. Gaps over
     * 1.5 intervals separate two mastership periods (the master was down in between) and are not jitter.
     */
    static List<Long> advertJitterMicros(List<CapturedPacket> pkts, String ip, int priority, long advertMicros) {
        long[] times = pkts.stream().filter(p -> isAdvert(p, ip, priority))
                .mapToLong(CapturedPacket::micros).sorted().toArray();
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < times.length; i++) {
            long gap = times[i] - times[i - 1];
            if (gap < advertMicros * 3 / 2) {
                out.add(Math.abs(gap - advertMicros));
            }
        }
        return out;
    }

    private static OptionalLong firstGarpAfter(List<CapturedPacket> pkts, String mac, String vip, long after) {
        return pkts.stream()
                .filter(p -> p.micros() > after && p.isGarpFor(vip) && p.sourceMac().equals(mac))
                .mapToLong(CapturedPacket::micros).min();
    }

    private static boolean isAdvert(CapturedPacket p, String ip, int priority) {
        return p.isVrrp() && p.source().equals(ip) && p.vrrpPriority() == priority;
    }
}
