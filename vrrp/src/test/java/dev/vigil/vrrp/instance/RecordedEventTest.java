package dev.vigil.vrrp.instance;

import static dev.vigil.vrrp.instance.InstanceEvent.START;
import static dev.vigil.vrrp.instance.InstanceEvent.timer;
import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;

import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.InstanceAction.CancelTimer;
import dev.vigil.vrrp.instance.InstanceAction.LogLine;
import dev.vigil.vrrp.instance.InstanceAction.Notify;
import dev.vigil.vrrp.instance.InstanceAction.RemoveVips;
import dev.vigil.vrrp.instance.InstanceAction.ScheduleTimer;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceAction.SendGarp;
import dev.vigil.vrrp.sim.Replay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Complete action lists, timers included, for a backup's life: start, hold, take over, yield, fault, stop. */
class RecordedEventTest {
    static final List<java.net.Inet4Address> VIPS = List.of(VIP);

    static InstanceEvent advert(int priority) {
        return new InstanceEvent.AdvertReceived(Packets.received(Packets.advert(51, priority, 1, "secret12", VIPS), IP_B));
    }

    static LogLine info(String text) {
        return new LogLine(false, "(VI_1) " + text);
    }

    static LogLine detail(String text) {
        return new LogLine(true, "(VI_1) " + text);
    }

    @Test
    void backupLifecycle() {
        Replay.of(node("VI_1", IP_A, 100).build())
                .step(0, START,
                        detail("removing VIPs."), new RemoveVips(VIPS), info("Entering BACKUP STATE (init)"),
                        new Notify(VrrpState.BACKUP, 100, "init"),
                        new ScheduleTimer(TimerKind.MASTER_DOWN, s(3.609375)))
                .step(s(1), advert(150),
                        new ScheduleTimer(TimerKind.MASTER_DOWN, s(4.609375)))
                .step(s(3.609375), timer(TimerKind.MASTER_DOWN)) // stale: re-armed at 1 s
                .step(s(4.609375), timer(TimerKind.MASTER_DOWN),
                        detail("Receive advertisement timeout"),
                        new SendAdvert(100), info("Entering MASTER STATE"), detail("setting VIPs."),
                        new AddVips(VIPS), detail("Sending/queueing gratuitous ARPs on eth0 for 10.99.0.100"),
                        new SendGarp(VIPS, 5), new Notify(VrrpState.MASTER, 100, "advertisement timeout"),
                        new ScheduleTimer(TimerKind.GARP_MASTER_DELAY, s(9.609375)),
                        new ScheduleTimer(TimerKind.ADVERT, s(5.609375)))
                .step(s(5.609375), timer(TimerKind.ADVERT),
                        new SendAdvert(100), new ScheduleTimer(TimerKind.ADVERT, s(6.609375)))
                .step(s(6), advert(150),
                        info("Master received advert from 10.99.0.2 with higher priority 150, ours 100"),
                        info("Entering BACKUP STATE"), new CancelTimer(TimerKind.ADVERT),
                        new CancelTimer(TimerKind.GARP_MASTER_DELAY), detail("removing VIPs."), new RemoveVips(VIPS),
                        new Notify(VrrpState.BACKUP, 100, "higher priority advert from 10.99.0.2"),
                        new ScheduleTimer(TimerKind.MASTER_DOWN, s(9.609375)))
                .step(s(6.609375), timer(TimerKind.ADVERT)) // cancelled
                .step(s(7), new InstanceEvent.LinkChanged("eth0", false),
                        info("Entering FAULT STATE"), new Notify(VrrpState.FAULT, 100, "interface eth0 down"),
                        new CancelTimer(TimerKind.MASTER_DOWN))
                .step(s(8), advert(150)) // FAULT ignores adverts
                .step(s(9), InstanceEvent.SHUTDOWN, new Notify(VrrpState.STOP, 100, "shutdown"));
    }
}
