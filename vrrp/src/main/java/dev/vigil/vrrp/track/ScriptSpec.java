package dev.vigil.vrrp.track;

import java.time.Duration;

/** A {@code vrrp_script} block as far as result tracking needs it (keepalived defaults: 1 s, rise 1, fall 1). */
public record ScriptSpec(String name, Duration interval, Duration timeout, int weight, boolean reverse,
                         int rise, int fall, boolean initFail) {

    public ScriptSpec {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be >= 1");
        }
    }

    public static ScriptSpec of(String name, int weight, int rise, int fall) {
        return new ScriptSpec(name, Duration.ofSeconds(1), Duration.ofSeconds(1), weight, false, rise, fall, false);
    }
}
