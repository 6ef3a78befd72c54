package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void rootHasEverything() {
        Capabilities c = Capabilities.parse("Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n");
        assertTrue(c.hasNetAdmin());
        assertTrue(c.hasNetRaw());
        assertEquals(List.of(), c.missingForVrrp());
    }

    @Test
    void nonRootUnitWithOnlyNetAdminLacksNetRaw() {
        Capabilities c = Capabilities.parse("CapPrm:\t0000000000003000\nCapEff:\t0000000000001000\n");
        assertTrue(c.hasNetAdmin());
        assertFalse(c.hasNetRaw());
        assertEquals(List.of("CAP_NET_RAW"), c.missingForVrrp());
        assertEquals(List.of("CAP_NET_ADMIN", "CAP_NET_RAW"), Capabilities.parse("CapEff:\t0\n").missingForVrrp());
    }

    @Test
    void rootProcessHasBoth() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "run as root");
        Capabilities self = Capabilities.current();
        assertTrue(self.hasNetAdmin() && self.hasNetRaw(), Long.toHexString(self.effective()));
    }

    @Test
    void badInputIsNamed() {
        assertEquals("no CapEff line in process status",
                assertThrows(IllegalArgumentException.class, () -> Capabilities.parse("Name: x\n")).getMessage());
        assertEquals("unreadable CapEff value \"zz\"",
                assertThrows(IllegalArgumentException.class, () -> Capabilities.parse("CapEff:\tzz\n")).getMessage());
    }

    @Test
    void errnoNamesAndUnknownNumbers() {
        assertEquals("EEXIST", Errno.name(17));
        assertEquals("EADDRNOTAVAIL", Errno.name(-99));
        assertEquals("errno 4095", Errno.name(4095));
    }
}
