package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualServerGroupEntryTest {
    private static List<String> expand(String text) {
        return VirtualServerGroupEntry.parse(text, 80).expand(IpvsProtocol.TCP).stream().map(ServiceKey::toString).toList();
    }

    @Test
    void singleAddress() {
        assertEquals(List.of("[192.168.1.5]:tcp:80"), expand("192.168.1.5"));
    }

    @Test
    void lastOctetRange() {
        assertEquals(List.of("[10.1.1.8]:tcp:80", "[10.1.1.9]:tcp:80", "[10.1.1.10]:tcp:80"), expand("10.1.1.8-10"));
    }

    @Test
    void ipv6RangeIsHexadecimalInTheLastGroup() {
        List<String> keys = expand("2001:db8::fe-101");
        assertEquals(4, keys.size());
        assertEquals("[2001:db8::fe]:tcp:80", keys.get(0));
        assertEquals("[2001:db8::101]:tcp:80", keys.get(3));
    }

    @Test
    void prefixExpandsToEveryAddress() {
        assertEquals(List.of("[10.2.0.4]:tcp:80", "[10.2.0.5]:tcp:80", "[10.2.0.6]:tcp:80", "[10.2.0.7]:tcp:80"),
                expand("10.2.0.5/30"));
    }

    @Test
    void fwmarkEntry() {
        VirtualServerGroupEntry e = VirtualServerGroupEntry.fwmark(12, ServiceKey.AF_INET6);
        assertEquals(List.of(ServiceKey.fwmark(ServiceKey.AF_INET6, 12)), e.expand(IpvsProtocol.TCP));
        assertEquals("FWM 12", e.toString());
    }

    @Test
    void badInputGetsClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("10.0.0.9-3")).getMessage()
                .contains("before its start"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("10.0.0.1-300")).getMessage()
                .contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("10.0.0.0/40")).getMessage()
                .contains("prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("10.0.0.0/8")).getMessage()
                .contains("limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("www.example.com")).getMessage()
                .contains("not an IP address"));
    }
}
