package dev.vigil.daemon.bench;

import dev.vigil.daemon.bench.AdvertCapture.Advert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Advert-interval jitter from capture timestamps: for each instance (interface/VRID), |gap − advert_int| between its
 * consecutive adverts inside a window. A gap over 1.5 intervals is a missed (or dropped) advert, counted apart and
 * not as jitter. Pure functions over decoded adverts.
 */
final class JitterAnalysis {
    /** Jitter samples (µs), adverts counted, and gaps over 1.5 intervals. */
    record Result(List<Long> jitterMicros, int adverts, int missed) {
    }

    private JitterAnalysis() {
    }

    static Result jitter(List<Advert> adverts, long fromMicros, long toMicros, long intervalMicros) {
        List<Long> jitter = new ArrayList<>();
        int count = 0;
        int missed = 0;
        for (long[] times : timesByInstance(adverts, fromMicros, toMicros).values()) {
            count += times.length;
            for (int i = 1; i < times.length; i++) {
                long gap = times[i] - times[i - 1];
                if (gap > intervalMicros * 3 / 2) {
                    missed++;
                } else {
                    jitter.add(Math.abs(gap - intervalMicros));
                }
            }
        }
        return new Result(jitter, count, missed);
    }

    /**
     * For each event (a reload's SIGHUP), the largest |gap − advert_int| over all instances among the gaps that span
     * it (the advert before the event to the first one after). Events with no advert on both sides are left out.
     */
    static List<Long> spanningGaps(List<Advert> adverts, List<Long> eventMicros, long intervalMicros) {
        Map<String, long[]> byInstance = timesByInstance(adverts, Long.MIN_VALUE, Long.MAX_VALUE);
        List<Long> out = new ArrayList<>();
        for (long event : eventMicros) {
            long worst = -1;
            for (long[] times : byInstance.values()) {
                for (int i = 1; i < times.length; i++) {
                    if (times[i - 1] <= event && times[i] > event) {
                        worst = Math.max(worst, Math.abs(times[i] - times[i - 1] - intervalMicros));
                        break;
                    }
                }
            }
            if (worst >= 0) {
                out.add(worst);
            }
        }
        return out;
    }

    private static Map<String, long[]> timesByInstance(List<Advert> adverts, long fromMicros, long toMicros) {
        return adverts.stream().filter(a -> a.priority() > 0 && a.micros() >= fromMicros && a.micros() <= toMicros)
                .collect(Collectors.groupingBy(Advert::key, TreeMap::new,
                        Collectors.collectingAndThen(Collectors.toList(),
                                l -> l.stream().mapToLong(Advert::micros).sorted().toArray())));
    }
}
