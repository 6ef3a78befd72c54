package dev.vigil.daemon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The samples (milliseconds) one pair kind produced over its runs, per figure, and the runs that failed. Saved as
 * one text file per pair so that pairs measured by separate JVMs (one Maven run per pair) end up in one report.
 */
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

    private PairResult(PairKind pair, String skipped, int runs) {
        this(pair, skipped);
        this.runs = runs;
    }

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

    /** Writes "runs N", "skipped WHY", "failure WHAT" and "FIGURE value" lines. */
    void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("runs " + runs);
        if (skipped != null) {
            lines.add("skipped " + skipped);
        }
        failures.forEach(f -> lines.add("failure " + f.replace('\n', ' ')));
        samples.forEach((figure, values) -> values.forEach(v -> lines.add(figure.name() + " " + v)));
        Files.write(file, lines);
    }

    static PairResult load(PairKind pair, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String skipped = lines.stream().filter(l -> l.startsWith("skipped ")).map(l -> l.substring(8)).findFirst()
                .orElse(null);
        int runs = lines.stream().filter(l -> l.startsWith("runs ")).mapToInt(l -> Integer.parseInt(l.substring(5)))
                .findFirst().orElse(0);
        PairResult r = new PairResult(pair, skipped, runs);
        for (String l : lines) {
            int sp = l.indexOf(' ');
            String key = sp < 0 ? l : l.substring(0, sp);
            if (key.equals("failure")) {
                r.failures.add(l.substring(sp + 1));
            } else if (!key.equals("runs") && !key.equals("skipped") && !key.isEmpty()) {
                r.samples.get(Figure.valueOf(key)).add(Double.parseDouble(l.substring(sp + 1)));
            }
        }
        return r;
    }
}
