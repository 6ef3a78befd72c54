package dev.vigil.daemon.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of one figure's samples (milliseconds). */
record Summary(int n, double min, double median, double max, double mean, double p50, double p99) {
    static Summary of(List<Double> samples) {
        if (samples.isEmpty()) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        double mean = s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Summary(n, s.get(0), median, s.get(n - 1), mean, percentile(s, 50), percentile(s, 99));
    }

    /** Nearest-rank percentile of sorted samples. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    boolean empty() {
        return n == 0;
    }
}
