package dev.vigil.daemon.it;

import dev.vigil.daemon.lab.DaemonLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags the shipped launcher ({@code packaging/src/dist/bin/vigil}) starts the daemon with, read from the
 * launcher itself (its {@code VIGIL_JAVA_OPTS} default), so a daemon in a test or benchmark runs exactly as an
 * installed one ({@link VigilNode}, the benchmarks' {@code BenchDaemon}).
 */
public final class LauncherFlags {
    private static final Pattern DEFAULT = Pattern.compile(": \"\\$\\{VIGIL_JAVA_OPTS:=([^}]*)}\"");

    private LauncherFlags() {
    }

    /** The launcher's flags for the running JDK (plus the JDK 23+ flag the launcher adds there). */
    public static List<String> forThisJdk() throws IOException {
        List<String> flags = new ArrayList<>(parse(Files.readString(launcher())));
        flags.addAll(DaemonLaunch.jdkFlags(Runtime.version().feature()));
        return flags;
    }

    /** The default of {@code VIGIL_JAVA_OPTS} in a launcher script's text. */
    public static List<String> parse(String script) {
        Matcher m = DEFAULT.matcher(script);
        if (!m.find()) {
            throw new IllegalArgumentException("no ': \"${VIGIL_JAVA_OPTS:=...}\"' line in the launcher");
        }
        return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
    }

    /** The launcher in this checkout: tests run in the module directory, the launcher sits beside it. */
    public static Path launcher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("packaging/src/dist/bin/vigil");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("packaging/src/dist/bin/vigil not found above " + Path.of("").toAbsolutePath());
    }
}
