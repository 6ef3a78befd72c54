package dev.vigil.daemon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table putting each Vigil figure next to keepalived's from the same run: min / median / max over the
 * repeated runs of each, and the ratio of the medians (Vigil / keepalived; below 1 means Vigil is lower).
 */
final class ComparisonTable {
    /** One figure's samples for both implementations (an empty list: not measured). */
    record Row(String figure, List<Double> vigil, List<Double> keepalived) {
    }

    private final List<Row> rows = new ArrayList<>();

    ComparisonTable add(String figure, List<Double> vigil, List<Double> keepalived) {
        rows.add(new Row(figure, vigil, keepalived));
        return this;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("| Figure | runs | Vigil min | Vigil median | Vigil max "
                + "| keepalived min | keepalived median | keepalived max | ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Summary v = Summary.of(r.vigil());
            Summary k = Summary.of(r.keepalived());
            md.append("| ").append(r.figure()).append(" | ").append(v.n()).append(" / ").append(k.n())
                    .append(" | ").append(BenchReport.ms(v.min())).append(" | ").append(BenchReport.ms(v.median()))
                    .append(" | ").append(BenchReport.ms(v.max())).append(" | ").append(BenchReport.ms(k.min()))
                    .append(" | ").append(BenchReport.ms(k.median())).append(" | ").append(BenchReport.ms(k.max()))
                    .append(" | ").append(BenchReport.ratio(v.median(), k.median())).append(" |\n");
        }
        return md.toString();
    }
}
