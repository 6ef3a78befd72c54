package dev.vigil.linux.netlink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import dev.vigil.linux.testing.Netns;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The request/ACK exchange and multicast subscription against the kernel's rtnetlink. */
@Tag("netns")
class NetlinkSocketNetnsTest {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTNLGRP_LINK = 1;

    Netns ns;

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close();
    }

    static ByteBuffer getLink(int ifindex, int flags) {
        byte[] ifinfomsg = Structs.allocate(16).put((byte) LibC.AF_UNSPEC).put((byte) 0).putShort((short) 0)
                .putInt(ifindex).putInt(0).putInt(0).array();
        return new NetlinkMessageBuilder(RTM_GETLINK, flags).raw(ifinfomsg).build();
    }

    @Test
    void singleReplyWithAndWithoutAckAndDumpUntilDone() throws Exception {
        try (NetlinkSocket route = ns.enter().call(() -> NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0))) {
            assertNotEquals(0, route.portId());
            List<ByteBuffer> plain = route.request(getLink(1, Netlink.NLM_F_REQUEST));
            List<ByteBuffer> acked = route.request(getLink(1, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
            assertEquals(1, plain.size());
            assertEquals(1, acked.size(), "the ACK itself is not returned");
            NetlinkMessage lo = NetlinkMessage.parse(acked.get(0));
            assertEquals(RTM_NEWLINK, lo.type());
            assertEquals("lo", lo.attributes(16).string(3));
            assertEquals(route.portId(), lo.pid());

            ns.ip("link", "add", "vA", "type", "veth", "peer", "name", "vB");
            List<ByteBuffer> dump = route.request(getLink(0, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP));
            assertEquals(3, dump.size(), "lo, vA, vB; DONE not returned");
            assertTrue(dump.stream().allMatch(b -> (NetlinkMessage.parse(b).flags() & Netlink.NLM_F_MULTI) != 0));

            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> route.request(getLink(4242, Netlink.NLM_F_REQUEST)));
            assertEquals("ENODEV", e.errnoName());
        }
    }

    @Test
    void membershipAddedAfterOpenDeliversEvents() throws Exception {
        try (NetlinkSocket events = ns.enter().call(() -> NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0))) {
            events.addMembership(RTNLGRP_LINK);
            ns.ip("link", "add", "vA", "type", "veth", "peer", "name", "vB");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                ByteBuffer d = events.receive(Duration.ofMillis(200));
                return d != null && NetlinkMessage.parseAll(d).stream().anyMatch(m -> m.type() == RTM_NEWLINK
                        && m.attributes(16).string(3).equals("vA"));
            });
        }
    }
}
