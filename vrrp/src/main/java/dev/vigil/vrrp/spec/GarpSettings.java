package dev.vigil.vrrp.spec;

import java.time.Duration;

/**
 * Gratuitous ARP timing for one instance (keepalived {@code garp_master_*} / {@code garp_lower_prio_*}).
 * A zero duration means "off".
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh,
                           int masterRefreshRepeat, Duration lowerPrioDelay, int lowerPrioRepeat) {

    /** keepalived 2.2.7 defaults: 5 s / 5, no refresh (repeat 1), lower-priority 5 s / 5. */
    public static final GarpSettings DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1,
            Duration.ofSeconds(5), 5);
}
