package dev.vigil.vrrp.instance;

import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;

/** Everything that can happen to an instance. Time is passed alongside, never read. */
public sealed interface InstanceEvent {

    /** Leave INIT: remove stale VIPs, enter BACKUP (init) or FAULT (init), or MASTER at once as owner. */
    record Start() implements InstanceEvent {}

    /** A datagram for this instance's VRID (source, TTL and destination are in its IP header). */
    record AdvertReceived(ReceivedAdvert packet) implements InstanceEvent {}

    /** A timer scheduled with {@link InstanceAction.ScheduleTimer} expired. */
    record TimerFired(TimerKind kind) implements InstanceEvent {}

    /** Link state of an interface (the instance's own and/or a tracked one) changed. */
    record LinkChanged(String interfaceName, boolean up) implements InstanceEvent {}

    /** A tracked script/file/process/BFD object changed state ({@code up} = OK). */
    record TrackChanged(TrackedObject.Kind kind, String name, boolean up) implements InstanceEvent {}

    /** Daemon stopping: a MASTER sends priority 0 and drops its VIPs; the instance enters STOP. */
    record Shutdown() implements InstanceEvent {}

    /** Configuration reloaded: new settings, state kept. */
    record Reload(InstanceSpec spec) implements InstanceEvent {}

    Start START = new Start();
    Shutdown SHUTDOWN = new Shutdown();

    static TimerFired timer(TimerKind kind) {
        return new TimerFired(kind);
    }
}
