package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;

/** A garp_group: GARP/GNA intervals for a set of interfaces. */
public record GarpGroup(Duration garpInterval, Duration gnaInterval, List<String> interfaces) {
    public GarpGroup {
        interfaces = List.copyOf(interfaces);
    }
}
