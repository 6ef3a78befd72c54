package dev.vigil.conf.model;

import java.time.Duration;

/** A vrrp_script: interval 1 s, timeout = interval, weight 0 (failure = FAULT), rise/fall 1 by default. */
public record VrrpScript(String name, String script, Duration interval, Duration timeout, int weight,
        boolean weightReverse, int rise, int fall, String user, String group, boolean initFail) {
}
