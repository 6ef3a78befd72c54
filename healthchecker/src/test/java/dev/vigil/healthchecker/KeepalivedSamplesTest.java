package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.healthchecker.spec.CheckerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** keepalived's own sample configurations (Debian package) map to the same checkers they declare. */
class KeepalivedSamplesTest {

    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    private static final Pattern CHECKER = Pattern.compile(
            "^\\s*(TCP_CHECK|HTTP_GET|SSL_GET|MISC_CHECK|SMTP_CHECK|DNS_CHECK|UDP_CHECK|PING_CHECK|FILE_CHECK)\\b",
            Pattern.MULTILINE);

    static Stream<Path> samples() throws Exception {
        if (!Files.isDirectory(SAMPLES)) {
            return Stream.of(Path.of("missing"));
        }
        try (Stream<Path> s = Files.list(SAMPLES)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyDeclaredCheckerIsMapped(Path sample) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(sample), "keepalived samples not installed");
        LoadResult result = ConfigLoader.load(sample, new LoadOptions("vigil-test", true));
        assertNotNull(result.config(), result.diagnostics().toString());
        String text = Files.readString(sample).replaceAll("(?m)[!#].*$", "");
        Matcher m = CHECKER.matcher(text);
        int declared = 0;
        while (m.find()) {
            declared++;
        }
        List<ConfCheckers.Target> targets = ConfCheckers.targets(result.config());
        long mapped = targets.stream().map(ConfCheckers.Target::checkers).mapToLong(List::size).sum();
        assertEquals(declared, mapped, sample + ": " + targets.stream().flatMap(t -> t.checkers().stream())
                .map(CheckerSpec::kind).toList());
    }
}
