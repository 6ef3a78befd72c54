package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LauncherFlagsTest {
    @Test
    void readsTheDefaultOfVigilJavaOpts() {
        String script = "#!/bin/sh\n: \"${VIGIL_JAVA_OPTS:=-XX:+UseSerialGC  -Xmx64m}\"\nexec java $VIGIL_JAVA_OPTS\n";
        assertEquals(java.util.List.of("-XX:+UseSerialGC", "-Xmx64m"), LauncherFlags.parse(script));
    }

    @Test
    void aLauncherWithoutDefaultsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LauncherFlags.parse("exec java \"$@\"\n"));
    }

    @Test
    void theCheckedInLauncherNamesACollectorAndAHeapLimit() throws Exception {
        var flags = LauncherFlags.forThisJdk();
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC")), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), flags.toString());
    }
}
