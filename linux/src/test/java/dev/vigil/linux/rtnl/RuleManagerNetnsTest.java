package dev.vigil.linux.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.LibC;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.testing.Netns;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** virtual_rules-style policy rules in a namespace, checked with {@code ip rule}. */
@Tag("netns")
class RuleManagerNetnsTest {
    Netns ns;
    NetlinkSocket socket;
    RuleManager rules;

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
        socket = ns.routeSocket();
        rules = new RuleManager(socket);
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close(); // and the socket
    }

    @Test
    void sourceRuleToTableAddedListedAndRemoved() throws Exception {
        Rule r = Rule.lookup(100).withFrom(InetAddress.getByName("10.9.0.0"), 24).withPriority(1000);
        assertEquals(ChangeResult.APPLIED, rules.add(r));
        String shown = ns.ip("rule", "show");
        assertTrue(shown.contains("1000:\tfrom 10.9.0.0/24 lookup 100 proto keepalived"), shown);
        assertTrue(rules.list(LibC.AF_INET).contains(r), rules.list(LibC.AF_INET).toString());
        assertEquals(ChangeResult.ALREADY_PRESENT, rules.add(r));
        assertEquals(ChangeResult.APPLIED, rules.delete(r));
        assertFalse(ns.ip("rule", "show").contains("lookup 100"));
        assertEquals(ChangeResult.ALREADY_ABSENT, rules.delete(r));
    }

    @Test
    void fwmarkInterfaceAndBlackholeRules() throws Exception {
        rules.add(Rule.lookup(300).withFwmark(7, 0xff).withInterfaces("lo", null).withPriority(1100));
        rules.add(Rule.lookup(1).withTo(InetAddress.getByName("10.66.0.0"), 16).withAction(RuleAction.BLACKHOLE)
                .withPriority(1200));
        rules.add(Rule.lookup(200).withFrom(InetAddress.getByName("10.7.0.0"), 16).inverted(true).withPriority(1300));
        String shown = ns.ip("rule", "show");
        assertTrue(shown.contains("1100:\tfrom all fwmark 0x7/0xff iif lo lookup 300 proto keepalived"), shown);
        assertTrue(shown.contains("1200:\tfrom all to 10.66.0.0/16 blackhole proto keepalived"), shown);
        assertTrue(shown.contains("1300:\tnot from 10.7.0.0/16 lookup 200 proto keepalived"), shown);
    }
}
