package dev.vigil.vrrp.config;

import dev.vigil.vrrp.track.ScriptSpec;

/** A {@code vrrp_script} used by at least one instance: its tracking rules and the command to run. */
public record TrackScriptConfig(ScriptSpec spec, String command, String user, String group) {
    public String name() {
        return spec.name();
    }
}
