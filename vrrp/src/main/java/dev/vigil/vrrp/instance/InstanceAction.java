package dev.vigil.vrrp.instance;

import java.net.Inet4Address;
import java.util.List;

/** What an instance asks its driver to do, in order. */
public sealed interface InstanceAction {

    /** Send one advert (one copy per unicast peer in unicast mode) carrying {@code priority}. */
    record SendAdvert(int priority) implements InstanceAction {}

    /** Add these addresses (VIPs then excluded VIPs) to the interface. */
    record AddVips(List<Inet4Address> addresses) implements InstanceAction {}

    /** Remove these addresses if present. */
    record RemoveVips(List<Inet4Address> addresses) implements InstanceAction {}

    /** Send {@code repeat} gratuitous ARPs for each address. */
    record SendGarp(List<Inet4Address> addresses, int repeat) implements InstanceAction {}

    /**
     * Run the notify scripts / FIFO / SMTP alert for entering {@code state} ({@code priority} = effective);
     * {@code reason} says why in a few words, for the event log and status.
     */
    record Notify(VrrpState state, int priority, String reason) implements InstanceAction {}

    /** The effective priority changed (FIFO {@code MASTER_PRIORITY}/{@code BACKUP_PRIORITY} with notify_priority_changes). */
    record PriorityChanged(int from, int to) implements InstanceAction {}

    /** {@code notify_master_rx_lower_pri}: a MASTER heard a lower-priority advert from {@code source}. */
    record NotifyMasterRxLowerPriority(Inet4Address source) implements InstanceAction {}

    /** (Re)arm a timer to fire at {@code deadlineNanos} on the driver's clock. */
    record ScheduleTimer(TimerKind kind, long deadlineNanos) implements InstanceAction {}

    record CancelTimer(TimerKind kind) implements InstanceAction {}

    /** A log line in keepalived's wording; {@code detail} lines appear only with {@code -D}. */
    record LogLine(boolean detail, String text) implements InstanceAction {}
}
