package dev.vigil.ipvs.netlink;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** On a kernel without IPVS (like this project's build machine), opening the client says what is missing. */
@Tag("netns")
class IpvsUnavailableTest {
    @Test
    void missingIpvsFamilyNamesTheModule() {
        assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")), "this kernel has IPVS");
        IpvsUnavailableException e = assertThrows(IpvsUnavailableException.class, () -> IpvsClient.open(true));
        assertTrue(e.getMessage().startsWith("IPVS: Can't initialize ipvs: the kernel has no \"IPVS\" generic netlink "
                + "family (ENOENT). Load the ip_vs kernel module"), e.getMessage());
        assertTrue(e.getMessage().contains("modprobe ip_vs: "), e.getMessage());
        System.out.println(e.getMessage());
    }
}
