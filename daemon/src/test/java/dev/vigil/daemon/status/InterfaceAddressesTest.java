package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceAddressesTest {
    @Test
    void loopbacksPrimaryAddress() {
        assertEquals("127.0.0.1", InterfaceAddresses.primaryIpv4("lo", List.of()));
    }

    @Test
    void vipsAreNotTheSourceAddress() {
        assertNull(InterfaceAddresses.primaryIpv4("lo", List.of("127.0.0.1")));
    }

    @Test
    void unknownInterface() {
        assertNull(InterfaceAddresses.primaryIpv4("vgl-nonexistent", List.of()));
    }
}
