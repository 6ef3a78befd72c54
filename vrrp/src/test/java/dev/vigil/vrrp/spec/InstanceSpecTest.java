package dev.vigil.vrrp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.vrrp.codec.Ipv4;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {
    static InstanceSpec.Builder b() {
        return InstanceSpec.builder("VI_1", 51, Ipv4.parse("10.0.0.1"));
    }

    @Test
    void equalityComparesAuthDataByContent() {
        assertEquals(b().passAuth("secret12").build(), b().passAuth("secret12").build());
        assertEquals(b().passAuth("secret12").build().hashCode(), b().passAuth("secret12").build().hashCode());
        assertNotEquals(b().passAuth("secret12").build(), b().passAuth("secret13").build());
        assertNotEquals(b().build(), b().priority(101).build());
    }

    @Test
    void keepalivedDefaults() {
        InstanceSpec s = b().build();
        assertEquals(100, s.priority());
        assertEquals(1, s.adverIntSeconds());
        assertEquals(3, s.downTimerAdverts());
        assertEquals(GarpSettings.DEFAULTS, s.garp());
        assertEquals(255, s.unicastTtl());
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> InstanceSpec.builder("x", 0, Ipv4.parse("10.0.0.1")).build());
        assertThrows(IllegalArgumentException.class, () -> b().priority(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().adverInt(0).build());
        assertThrows(IllegalArgumentException.class, () -> b().downTimerAdverts(101).build());
    }
}
