package dev.vigil.vrrp.config;

import dev.vigil.linux.rtnl.Rule;

/** A {@code virtual_rules} line resolved to a kernel policy-routing rule. */
public record VirtualRule(Rule rule, String text) {
    @Override
    public String toString() {
        return text;
    }
}
