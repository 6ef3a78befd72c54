package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegeCheckTest {
    @TempDir
    Path dir;

    private Optional<String> withCapEff(String hex) throws IOException {
        Path status = Files.writeString(dir.resolve("status"),
                "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t" + hex + "\nCapBnd:\t000001ffffffffff\n");
        return PrivilegeCheck.missingFrom(status);
    }

    @Test
    void rootHasEverything() throws IOException {
        assertEquals(Optional.empty(), withCapEff("000001ffffffffff"));
    }

    @Test
    void exactlyNetAdminAndNetRawSuffice() throws IOException {
        assertEquals(Optional.empty(), withCapEff("0000000000003000"));
    }

    @Test
    void missingCapabilitiesAreNamed() throws IOException {
        assertEquals(Optional.of("Vigil needs CAP_NET_ADMIN and CAP_NET_RAW (run it as root, or grant them with "
                + "AmbientCapabilities= in the systemd unit)"), withCapEff("0000000000000000"));
        assertTrue(withCapEff("0000000000001000").orElseThrow().startsWith("Vigil needs CAP_NET_RAW "));
        assertTrue(withCapEff("0000000000002000").orElseThrow().startsWith("Vigil needs CAP_NET_ADMIN "));
    }

    @Test
    void unreadableStatusIsAProblem() {
        assertTrue(PrivilegeCheck.missingFrom(dir.resolve("absent")).orElseThrow().startsWith("cannot read "));
    }
}
