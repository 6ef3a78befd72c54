package dev.vigil.daemon.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the lab starts a Vigil daemon: through the installation's own launcher ({@code <vigil.home>/bin/vigil}, which
 * {@code bin/vigil} passes as {@code -Dvigil.home}), so the directors run with exactly the JVM flags a real director
 * gets; outside an installation (tests, an IDE) with this JVM's java and class path and the launcher's flags.
 */
public final class DaemonLaunch {
    /** The default JVM flags of packaging/src/dist/bin/vigil (keep the two in step). */
    static final List<String> LAUNCHER_JVM_FLAGS = List.of("-XX:+UseShenandoahGC", "-Xms4m", "-Xmx192m",
            "-XX:+UnlockExperimentalVMOptions", "-XX:ShenandoahUncommitDelay=1000",
            "-XX:ShenandoahGuaranteedGCInterval=5000", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:CompileThresholdScaling=10",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:StringTableSize=4096", "-XX:-UsePerfData",
            "-XX:+ExitOnOutOfMemoryError", "-Xlog:all=warning:stderr",
            "--enable-native-access=ALL-UNNAMED");
    /** The JDK from which the launcher adds {@code --sun-misc-unsafe-memory-access=allow} (unknown to JDK 17). */
    private static final int UNSAFE_ACCESS_FLAG_SINCE = 23;

    private DaemonLaunch() {
    }

    /**
     * The flags the launcher adds to its defaults on JDK {@code javaFeature}: from 23 on,
     * {@code --sun-misc-unsafe-memory-access=allow} (Netty's memory access; JDK 17 refuses to start with it).
     */
    public static List<String> jdkFlags(int javaFeature) {
        return javaFeature >= UNSAFE_ACCESS_FLAG_SINCE ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /** The command (without daemon arguments) that starts Vigil's daemon from this process's installation. */
    static List<String> command() {
        return command(Optional.ofNullable(System.getProperty("vigil.home")).map(Path::of),
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                Runtime.version().feature());
    }

    static List<String> command(Optional<Path> vigilHome, Path java, String classPath, int javaFeature) {
        Optional<Path> launcher = vigilHome.map(h -> h.resolve("bin").resolve("vigil")).filter(Files::isExecutable);
        if (launcher.isPresent()) {
            return List.of(launcher.get().toString());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(LAUNCHER_JVM_FLAGS);
        cmd.addAll(jdkFlags(javaFeature));
        cmd.addAll(List.of("-cp", classPath, "dev.vigil.daemon.Main"));
        return cmd;
    }
}
