package dev.vigil.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs the daemon's {@link Main} in a child JVM with the test class path. */
final class DaemonJava {
    private DaemonJava() {
    }

    /** {@code prefix} (e.g. {@code ip netns exec NS}), then java with small-heap flags, then {@code args}. */
    static List<String> command(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
