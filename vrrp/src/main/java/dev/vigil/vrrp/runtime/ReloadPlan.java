package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.config.InstanceConfig;
import dev.vigil.vrrp.config.VrrpConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload does to the running instances (keepalived's {@code clear_diff_vrrp()}), decided from the two
 * configurations alone. An instance runs on when it keeps its name, interface, VRID and sync group, and its sync
 * group keeps its members; it then only takes its new settings. Anything else stops and, if still configured,
 * starts anew.
 *
 * @param removed  running instances the new configuration no longer has, in running order
 * @param replaced running instances that are configured again but cannot run on (interface, VRID or sync group
 *                 changed): stopped, then started with the added ones
 * @param updated  instances that run on with different settings, in the new configuration's order
 * @param added    instances to start (new ones and the replaced ones), in the new configuration's order
 */
record ReloadPlan(List<String> removed, List<String> replaced, List<InstanceConfig> updated, List<String> added) {

    static ReloadPlan of(Collection<InstanceConfig> running, VrrpConfig next) {
        Map<String, InstanceConfig> now = next.instances().stream()
                .collect(Collectors.toMap(InstanceConfig::name, Function.identity()));
        Set<String> stopping = new LinkedHashSet<>();
        for (InstanceConfig old : running) {
            InstanceConfig cur = now.get(old.name());
            if (cur == null || !sameIdentity(old, cur) || !sameMembers(old.syncGroup(), running, next.instances())) {
                stopping.add(old.name());
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (String name : stopping) {
            (now.containsKey(name) ? replaced : removed).add(name);
        }
        Map<String, InstanceConfig> before = running.stream()
                .collect(Collectors.toMap(InstanceConfig::name, Function.identity()));
        List<InstanceConfig> updated = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (InstanceConfig ic : next.instances()) {
            InstanceConfig old = before.get(ic.name());
            if (old == null || stopping.contains(ic.name())) {
                added.add(ic.name());
            } else if (!old.spec().equals(ic.spec())) {
                updated.add(ic);
            }
        }
        return new ReloadPlan(List.copyOf(removed), List.copyOf(replaced), List.copyOf(updated), List.copyOf(added));
    }

    private static boolean sameIdentity(InstanceConfig a, InstanceConfig b) {
        return a.spec().vrid() == b.spec().vrid() && a.spec().interfaceName().equals(b.spec().interfaceName())
                && Objects.equals(a.syncGroup(), b.syncGroup());
    }

    /** A sync group runs on only with the same members (a standalone instance always "has" them). */
    private static boolean sameMembers(String group, Collection<InstanceConfig> running, List<InstanceConfig> next) {
        return group == null || members(group, running).equals(members(group, next));
    }

    private static Set<String> members(String group, Collection<InstanceConfig> instances) {
        return instances.stream().filter(i -> group.equals(i.syncGroup())).map(InstanceConfig::name)
                .collect(Collectors.toSet());
    }
}
