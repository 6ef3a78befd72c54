package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.Netns;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Resolving generic netlink families against the real kernel, from inside a test namespace. */
@Tag("netns")
class GenericNetlinkNetnsTest {
    static Netns ns;

    @BeforeAll
    static void setUp() throws Exception {
        ns = Netns.create();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void resolvesNlctrlToItsFixedId() throws Exception {
        int id = ns.enter().call(() -> {
            try (NetlinkSocket genl = NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0)) {
                return GenericNetlink.resolveFamily(genl, "nlctrl");
            }
        });
        assertEquals(GenericNetlink.GENL_ID_CTRL, id);
    }

    @Test
    void describesNlctrlWithItsNotifyGroup() throws Exception {
        var family = ns.enter().call(() -> {
            try (NetlinkSocket genl = NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0)) {
                return GenericNetlink.describeFamily(genl, "nlctrl");
            }
        });
        assertEquals("nlctrl", family.name());
        assertTrue(family.multicastGroups().containsKey("notify"), family.toString());
        assertTrue(family.version() >= 1, family.toString());
    }

    @Test
    void absentFamilyIsEnoent() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class, () -> ns.enter().call(() -> {
            try (NetlinkSocket genl = NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0)) {
                return GenericNetlink.resolveFamily(genl, "IPVS");
            }
        }));
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertTrue(e.getMessage().contains("\"IPVS\""), e.getMessage());
    }

    @Test
    void receiveTimesOutWithNullAndClosedSocketIsEbadf() throws Exception {
        NetlinkSocket genl = ns.enter().call(() -> NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0));
        assertEquals(null, genl.receive(Duration.ofMillis(30)));
        assertEquals(null, genl.receive(Duration.ZERO));
        genl.close();
        NetlinkException e = assertThrows(NetlinkException.class, () -> GenericNetlink.resolveFamily(genl, "nlctrl"));
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void requestsOnOneSocketGetTheirOwnAnswers() throws Exception {
        try (NetlinkSocket genl = ns.enter().call(() -> NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0))) {
            for (int i = 0; i < 50; i++) {
                assertEquals(0x10, GenericNetlink.resolveFamily(genl, "nlctrl"));
                assertThrows(NetlinkException.class, () -> GenericNetlink.resolveFamily(genl, "no-such-family"));
            }
        }
    }
}
