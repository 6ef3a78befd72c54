package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.it.LauncherFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab starts directors through the installation's launcher, else with the launcher's own JVM flags. */
class DaemonLaunchTest {
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");

    @TempDir
    Path home;

    @Test
    void anInstallationsLauncherIsUsedAsItIs() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("vigil"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("vigil"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(List.of(bin.resolve("vigil").toString()),
                DaemonLaunch.command(Optional.of(home), JAVA, "a.jar", 17));
    }

    @Test
    void withoutALauncherThisJvmRunsMainWithTheLaunchersFlags() {
        List<String> cmd = DaemonLaunch.command(Optional.of(home), JAVA, "a.jar:b.jar", 17);
        assertEquals(JAVA.toString(), cmd.get(0));
        assertEquals(DaemonLaunch.LAUNCHER_JVM_FLAGS, cmd.subList(1, 1 + DaemonLaunch.LAUNCHER_JVM_FLAGS.size()));
        assertEquals(List.of("-cp", "a.jar:b.jar", "dev.vigil.daemon.Main"), cmd.subList(cmd.size() - 3, cmd.size()));
        assertFalse(cmd.contains("--sun-misc-unsafe-memory-access=allow"), "JDK 17 does not know it");
        assertTrue(DaemonLaunch.command(Optional.empty(), JAVA, "a.jar", 25)
                .contains("--sun-misc-unsafe-memory-access=allow"));
    }

    /** JDK 23 deprecated sun.misc.Unsafe's memory access (JEP 471); JDK 17 refuses to start with the flag. */
    @Test
    void theUnsafeMemoryAccessFlagIsAddedFromJdk23On() {
        assertEquals(List.of(), DaemonLaunch.jdkFlags(17));
        assertEquals(List.of(), DaemonLaunch.jdkFlags(22));
        assertEquals(List.of("--sun-misc-unsafe-memory-access=allow"), DaemonLaunch.jdkFlags(23));
        assertEquals(List.of("--sun-misc-unsafe-memory-access=allow"), DaemonLaunch.jdkFlags(25));
    }

    /** The fallback must give directors the memory and pause behaviour of a real installation. */
    @Test
    void fallbackFlagsAreTheLauncherScriptsDefaults() throws IOException {
        assertEquals(LauncherFlags.parse(Files.readString(LauncherFlags.launcher())), DaemonLaunch.LAUNCHER_JVM_FLAGS);
    }
}
