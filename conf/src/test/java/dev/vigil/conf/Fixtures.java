package dev.vigil.conf;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the fixture configs under src/test/resources/configs. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/configs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        return dir().resolve(relative);
    }

    /** Every top-level fixture (*.conf directly in valid/, lexical/, broken/). */
    static List<Path> all() {
        try (Stream<Path> s = Stream.of("valid", "lexical", "broken").flatMap(d -> list(dir().resolve(d)))) {
            return s.sorted().toList();
        }
    }

    private static Stream<Path> list(Path d) {
        try {
            return Files.list(d).filter(p -> p.toString().endsWith(".conf")).toList().stream();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The interfaces of the fixtures' world (and of KeepalivedOracleTest's namespace). */
    static final java.util.Set<String> INTERFACES = java.util.Set.of("lo", "eth0", "eth1");

    /** Options the fixtures are judged with: config id lb1, interfaces lo, eth0 and eth1. */
    static LoadOptions options() {
        return new LoadOptions("lb1", false, INTERFACES::contains);
    }

    static LoadResult load(String relative) {
        return ConfigLoader.load(file(relative), options());
    }

    /** Diagnostics as "line:col: severity: message" with the file part removed, for compact assertions. */
    static List<String> diags(LoadResult r) {
        return r.diagnostics().stream().map(d -> d.pos().line() + ":" + d.pos().column() + ": "
                + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.message()).toList();
    }
}
