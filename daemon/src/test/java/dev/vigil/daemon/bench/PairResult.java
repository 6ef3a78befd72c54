package dev.vigil.daemon.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The samples (milliseconds) one pair kind produced over its runs, per figure, and the runs that failed. */
final class PairResult {
    /** The benchmark's figures. */
    enum Figure {
        TAKEOVER("Takeover beyond Master_Down_Interval (hard failure)"),
        HANDOVER("Handover beyond Skew_Time (graceful stop)"),
        OUTAGE_HARD("Client outage, hard failure"),
        OUTAGE_GRACEFUL("Client outage, graceful stop"),
        JITTER("MASTER advert jitter |gap − advert_int|");

        final String title;

        Figure(String title) {
            this.title = title;
        }
    }

    final PairKind pair;
    final String skipped;
    final Map<Figure, List<Double>> samples = new EnumMap<>(Figure.class);
    final List<String> failures = new ArrayList<>();
    int runs;

    PairResult(PairKind pair, String skipped) {
        this.pair = pair;
        this.skipped = skipped;
        for (Figure f : Figure.values()) {
            samples.put(f, new ArrayList<>());
        }
    }

    void add(Figure figure, long micros) {
        samples.get(figure).add(micros / 1000.0);
    }

    Summary summary(Figure figure) {
        return Summary.of(samples.get(figure));
    }
}
