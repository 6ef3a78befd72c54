package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The fallback must give directors the memory and pause behaviour of a real installation. */
    @Test
    void fallbackFlagsAreTheLauncherScriptsDefaults() throws IOException {
        String script = Files.readString(Path.of("..", "packaging", "src", "dist", "bin", "vigil"));
        Matcher m = Pattern.compile(": \"\\$\\{VIGIL_JAVA_OPTS:=([^}]*)}\"").matcher(script);
        assertTrue(m.find(), "the launcher's default VIGIL_JAVA_OPTS line");
        assertEquals(Arrays.asList(m.group(1).trim().split("\\s+")), DaemonLaunch.LAUNCHER_JVM_FLAGS);
    }
}
