package dev.vigil.conf.model;

import java.time.Duration;

/** Gratuitous ARP / unsolicited NA timing of an instance (globals applied when the instance does not override). */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
        Duration lowerPrioDelay, int lowerPrioRepeat, Duration interval, Duration gnaInterval) {
}
