package dev.vigil.vrrp.sim;

import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.instance.VrrpState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised but seeded scenarios: nodes with random priorities start at random times, get cut off,
 * rejoin and lose their links. Once everything is connected again and the timers have run, exactly one
 * node is MASTER (the highest priority, ties to the highest address), and each node holds the VIP iff it
 * is MASTER.
 */
class ConvergenceTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void exactlyOneRightfulMasterAfterChurn(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(3);
        Segment seg = new Segment();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "N" + i;
            names.add(name);
            int prio = 1 + rnd.nextInt(254);
            seg.add(Specs.node(name, Ipv4.parse("10.99.0." + (i + 1)), prio).build());
            seg.at(s(rnd.nextDouble() * 5), name, InstanceEvent.START);
        }
        double t = 5;
        for (int step = 0; step < 30; step++) {
            t += rnd.nextDouble() * 3;
            String victim = names.get(rnd.nextInt(n));
            seg.runUntil(s(t));
            switch (rnd.nextInt(4)) {
                case 0 -> seg.disconnect(victim);
                case 1 -> seg.reconnect(victim);
                case 2 -> seg.at(s(t), victim, new InstanceEvent.LinkChanged("eth0", false));
                default -> seg.at(s(t), victim, new InstanceEvent.LinkChanged("eth0", true));
            }
        }
        long heal = s(t + 0.1);
        seg.runUntil(heal);
        names.forEach(seg::reconnect);
        names.forEach(nm -> seg.at(heal, nm, new InstanceEvent.LinkChanged("eth0", true)));
        seg.runUntil(heal + s(15));

        List<VrrpInstance> masters = names.stream().map(seg::node).filter(i -> i.state() == VrrpState.MASTER).toList();
        VrrpInstance rightful = names.stream().map(seg::node)
                .max(Comparator.comparingInt(VrrpInstance::effectivePriority)
                        .thenComparing(i -> i.spec().sourceAddress(), Ipv4::compare)).orElseThrow();
        assertEquals(List.of(rightful.name()), masters.stream().map(VrrpInstance::name).toList(), "seed " + seed);
        for (String name : names) {
            VrrpInstance i = seg.node(name);
            assertEquals(i.state() == VrrpState.MASTER, i.vipsSet(), name + " holds VIPs iff MASTER");
            assertEquals(i.state() == VrrpState.MASTER, holdsVipByActions(seg, name), name + " add/remove balance");
        }
    }

    /** Replays AddVips/RemoveVips of a node to see whether the VIP is on its interface at the end. */
    private static boolean holdsVipByActions(Segment seg, String node) {
        boolean held = false;
        for (Segment.Entry e : seg.entries(node, a -> a instanceof InstanceAction.AddVips
                || a instanceof InstanceAction.RemoveVips)) {
            held = e.action() instanceof InstanceAction.AddVips;
        }
        return held;
    }
}
