package dev.vigil.vrrp.config;

import dev.vigil.conf.model.Authentication;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.model.TrackRef;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.linux.rtnl.Route;
import dev.vigil.linux.rtnl.RouteType;
import dev.vigil.linux.rtnl.Rule;
import dev.vigil.linux.rtnl.Rtnl;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.spec.GarpSettings;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import dev.vigil.vrrp.spec.UnicastPeer;
import dev.vigil.vrrp.track.ScriptSpec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the parsed keepalived.conf onto the VRRP core's specs: {@code vrrp_instance} → {@link InstanceSpec}
 * (+ how to install its VIPs and routes), {@code vrrp_script} → {@link ScriptSpec}, {@code vrrp_sync_group}
 * → {@link SyncGroupConfig}. Interfaces are looked up to find each instance's ifindex and primary IPv4 address
 * (the advert source unless {@code unicast_src_ip}/{@code mcast_src_ip} is set). global_defs GARP and advert
 * defaults are already folded into each instance by the parser.
 */
public final class InstanceSpecs {
    private InstanceSpecs() {
    }

    /** Finds an interface by name (rtnetlink in production, a map in tests). */
    @FunctionalInterface
    public interface Interfaces {
        Optional<InterfaceInfo> byName(String name) throws IOException;
    }

    public static VrrpConfig from(KeepalivedConfig config, InterfaceLookup lookup) throws ConfigMappingException {
        return from(config, (Interfaces) lookup::byName);
    }

    public static VrrpConfig from(KeepalivedConfig config, Interfaces lookup) throws ConfigMappingException {
        Interfaces interfaces = remembering(lookup);
        Map<String, VrrpScript> scripts = new LinkedHashMap<>();
        config.vrrpScripts().forEach(s -> scripts.put(s.name(), s));
        Map<String, VrrpSyncGroup> groupOf = new LinkedHashMap<>();
        for (VrrpSyncGroup g : config.vrrpSyncGroups()) {
            g.instances().forEach(i -> groupOf.put(i, g));
        }
        List<InstanceConfig> instances = new ArrayList<>();
        Map<String, TrackScriptConfig> usedScripts = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            instances.add(instance(vi, groupOf.get(vi.name()), scripts, usedScripts, interfaces));
            unsupported(vi, warnings);
        }
        List<SyncGroupConfig> groups = config.vrrpSyncGroups().stream()
                .map(g -> new SyncGroupConfig(g.name(), g.instances(), g.syncGroupTrackingWeight())).toList();
        return new VrrpConfig(instances, List.copyOf(usedScripts.values()), groups,
                config.globalDefs().enableScriptSecurity(), warnings);
    }

    /**
     * Looks each interface up once per mapping: 1,000 instances on four interfaces cost four rtnetlink round trips
     * (a link get and an address dump each) instead of 1,000, which made a reload of 1,000 instances take seconds.
     */
    private static Interfaces remembering(Interfaces lookup) {
        Map<String, Optional<InterfaceInfo>> seen = new HashMap<>();
        return name -> {
            Optional<InterfaceInfo> found = seen.get(name);
            if (found == null) {
                found = lookup.byName(name);
                seen.put(name, found);
            }
            return found;
        };
    }

    /** What keepalived would do with this instance that Vigil's runtime does not do yet: said, never silently. */
    private static void unsupported(VrrpInstance vi, List<String> warnings) {
        String tag = "(" + vi.name() + ") ";
        String tail = " is not supported yet and is ignored";
        if (vi.useVmac()) {
            warnings.add(tag + "use_vmac" + tail + ": adverts and GARPs use the interface's own MAC");
        }
        if (!vi.trackFiles().isEmpty()) {
            warnings.add(tag + "track_file" + tail);
        }
        if (!vi.trackProcesses().isEmpty()) {
            warnings.add(tag + "track_process" + tail);
        }
        if (!vi.trackBfds().isEmpty()) {
            warnings.add(tag + "track_bfd" + tail);
        }
    }

    private static InstanceConfig instance(VrrpInstance vi, VrrpSyncGroup group, Map<String, VrrpScript> scripts,
                                           Map<String, TrackScriptConfig> usedScripts, Interfaces interfaces)
            throws ConfigMappingException {
        String tag = "(" + vi.name() + ") ";
        if (vi.version() != 2) {
            throw new ConfigMappingException(tag + "VRRP version " + vi.version() + " is not supported yet (use 2)");
        }
        InterfaceInfo iface = lookup(interfaces, vi.interfaceName(), tag);
        Inet4Address source = vi.unicastSrcIp() instanceof Inet4Address u ? u
                : vi.mcastSrcIp() instanceof Inet4Address m ? m : iface.primaryIpv4();
        if (source == null) {
            throw new ConfigMappingException(tag + "interface " + vi.interfaceName() + " has no IPv4 address");
        }
        List<VipAddress> addresses = new ArrayList<>();
        List<Inet4Address> vips = vipList(vi.virtualIpAddresses(), vi.interfaceName(), addresses, tag);
        List<Inet4Address> excluded = vipList(vi.virtualIpAddressesExcluded(), vi.interfaceName(), addresses, tag);

        List<TrackedObject> tracked = new ArrayList<>();
        List<TrackRef> ifaceRefs = new ArrayList<>(vi.trackInterfaces());
        List<TrackRef> scriptRefs = new ArrayList<>(vi.trackScripts());
        if (group != null) {
            ifaceRefs.addAll(group.trackInterfaces());
            scriptRefs.addAll(group.trackScripts());
        }
        for (TrackRef r : ifaceRefs) {
            tracked.add(new TrackedObject(TrackedObject.Kind.INTERFACE, r.name(),
                    r.weight() == null ? 0 : r.weight(), r.reverse()));
        }
        for (TrackRef r : scriptRefs) {
            VrrpScript s = scripts.get(r.name());
            if (s == null) {
                throw new ConfigMappingException(tag + "track_script " + r.name() + " not found");
            }
            int weight = r.weight() != null ? r.weight() : s.weight();
            boolean reverse = r.weight() != null ? r.reverse() : s.weightReverse();
            tracked.add(new TrackedObject(TrackedObject.Kind.SCRIPT, s.name(), weight, reverse));
            usedScripts.computeIfAbsent(s.name(), n -> new TrackScriptConfig(
                    new ScriptSpec(s.name(), s.interval(), s.timeout(), s.weight(), s.weightReverse(), s.rise(),
                            s.fall(), s.initFail()), s.script(), s.user(), s.group()));
        }

        InstanceSpec.Builder b = InstanceSpec.builder(vi.name(), vi.virtualRouterId(), source)
                .priority(vi.priority())
                .wantMaster(vi.state() == dev.vigil.conf.model.VrrpState.MASTER)
                .adverInt(Math.max(1, (int) Math.round(vi.advertInterval().toMillis() / 1000.0)))
                .vips(vips)
                .excludedVips(excluded)
                .interfaceName(vi.interfaceName())
                .unicastPeers(peers(vi, tag))
                .checkUnicastSrc(false)
                .unicastTtl(vi.unicastTtl() > 0 ? vi.unicastTtl() : 255)
                .nopreempt(vi.nopreempt())
                .preemptDelay(vi.preemptDelay())
                .skipCheckAdvAddr(vi.skipCheckAdvAddr())
                .downTimerAdverts(vi.downTimerAdverts())
                .garp(garp(vi.garp()))
                .lowerPrioNoAdvert(vi.lowerPrioNoAdvert())
                .higherPrioSendAdvert(vi.higherPrioSendAdvert())
                .tracked(tracked)
                .dontTrackPrimary(vi.dontTrackPrimary());
        Authentication auth = vi.authentication();
        if (auth != null && auth.type() == Authentication.Type.PASS) {
            b.passAuth(auth.password());
        } else if (auth != null) {
            b.auth(AuthType.AH, new byte[0]);
        }
        List<VirtualRoute> routes = new ArrayList<>();
        for (RouteEntry r : vi.virtualRoutes()) {
            routes.add(route(r, interfaces, tag));
        }
        List<VirtualRule> rules = new ArrayList<>();
        for (RouteEntry r : vi.virtualRules()) {
            rules.add(rule(r, tag));
        }
        try {
            return new InstanceConfig(b.build(), iface.index(), addresses, routes, rules,
                    group == null ? null : group.name());
        } catch (IllegalArgumentException e) {
            throw new ConfigMappingException(tag + e.getMessage());
        }
    }

    private static InterfaceInfo lookup(Interfaces interfaces, String name, String tag) throws ConfigMappingException {
        try {
            return interfaces.byName(name).orElseThrow(
                    () -> new ConfigMappingException(tag + "interface " + name + " does not exist"));
        } catch (IOException e) {
            throw new ConfigMappingException(tag + "cannot look up interface " + name + ": " + e.getMessage());
        }
    }

    private static List<Inet4Address> vipList(List<IpAddressEntry> entries, String defaultDevice,
                                              List<VipAddress> addresses, String tag) throws ConfigMappingException {
        List<Inet4Address> out = new ArrayList<>();
        for (IpAddressEntry e : entries) {
            if (!(e.cidr().address() instanceof Inet4Address v4)) {
                throw new ConfigMappingException(tag + "IPv6 address " + e.cidr() + " is not supported with VRRPv2");
            }
            int prefix = e.cidr().prefixLength();
            addresses.add(new VipAddress(v4, prefix, e.device() == null ? defaultDevice : e.device(),
                    broadcast(e.broadcast(), v4, prefix, tag), scope(e.scope(), tag), e.label()));
            out.add(v4);
        }
        return out;
    }

    /** {@code brd}: an address, {@code +} (host bits set) or {@code -} (none); none when not given. */
    static Inet4Address broadcast(String text, Inet4Address address, int prefix, String tag)
            throws ConfigMappingException {
        if (text == null || text.equals("-")) {
            return null;
        }
        if (text.equals("+")) {
            if (prefix >= 31) {
                return null;
            }
            int a = dev.vigil.vrrp.codec.Ipv4.toInt(address) | (int) (0xffffffffL >>> prefix);
            return dev.vigil.vrrp.codec.Ipv4.fromInt(a);
        }
        if (parse(text) instanceof Inet4Address v4) {
            return v4;
        }
        throw new ConfigMappingException(tag + "invalid broadcast address " + text);
    }

    static int scope(String text, String tag) throws ConfigMappingException {
        if (text == null) {
            return Rtnl.RT_SCOPE_UNIVERSE;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "global", "universe" -> { return Rtnl.RT_SCOPE_UNIVERSE; }
            case "site" -> { return Rtnl.RT_SCOPE_SITE; }
            case "link" -> { return Rtnl.RT_SCOPE_LINK; }
            case "host" -> { return Rtnl.RT_SCOPE_HOST; }
            case "nowhere" -> { return Rtnl.RT_SCOPE_NOWHERE; }
            default -> {
                try {
                    int v = Integer.parseInt(text);
                    if (v >= 0 && v <= 255) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new ConfigMappingException(tag + "invalid scope " + text);
            }
        }
    }

    private static List<UnicastPeer> peers(VrrpInstance vi, String tag) throws ConfigMappingException {
        List<UnicastPeer> out = new ArrayList<>();
        for (dev.vigil.conf.model.UnicastPeer p : vi.unicastPeers()) {
            if (!(p.address() instanceof Inet4Address v4)) {
                throw new ConfigMappingException(tag + "IPv6 unicast peer " + p.address() + " with VRRPv2");
            }
            int max = p.minTtl() == 0 && p.maxTtl() == 0 ? 255 : p.maxTtl();
            out.add(new UnicastPeer(v4, p.minTtl(), max));
        }
        return out;
    }

    private static GarpSettings garp(dev.vigil.conf.model.GarpSettings g) {
        if (g == null) {
            return GarpSettings.DEFAULTS;
        }
        return new GarpSettings(g.masterDelay(), g.masterRepeat(), g.masterRefresh(), g.masterRefreshRepeat(),
                g.lowerPrioDelay(), g.lowerPrioRepeat());
    }

    private static VirtualRoute route(RouteEntry r, Interfaces interfaces, String tag) throws ConfigMappingException {
        String text = String.join(" ", r.words());
        if (r.destination() == null || !r.destination().isIpv4()) {
            throw new ConfigMappingException(tag + "virtual route '" + text + "' needs an IPv4 destination");
        }
        RouteType type = switch (r.type() == null ? "unicast" : r.type()) {
            case "unicast" -> RouteType.UNICAST;
            case "blackhole" -> RouteType.BLACKHOLE;
            case "unreachable" -> RouteType.UNREACHABLE;
            case "prohibit" -> RouteType.PROHIBIT;
            default -> throw new ConfigMappingException(tag + "virtual route type " + r.type() + " not supported");
        };
        Route route;
        if (type == RouteType.UNICAST) {
            int ifindex = r.device() == null ? 0 : lookup(interfaces, r.device(), tag).index();
            route = Route.unicast(r.destination().address(), r.destination().prefixLength(), r.via(), ifindex);
        } else {
            route = Route.reject(type, r.destination().address(), r.destination().prefixLength());
        }
        if (r.source() != null) {
            route = route.withPreferredSource(r.source());
        }
        if (r.table() != null) {
            route = route.withTable(table(r.table(), tag));
        }
        int metric = r.words().indexOf("metric");
        if (metric >= 0 && metric + 1 < r.words().size()) {
            try {
                route = route.withMetric(Integer.parseInt(r.words().get(metric + 1)));
            } catch (NumberFormatException e) {
                throw new ConfigMappingException(tag + "invalid metric in virtual route '" + text + "'");
            }
        }
        return new VirtualRoute(route, text);
    }

    /** {@code [not] from A[/L] to B[/L] [iif|dev IF] [oif IF] [priority|pref P] [fwmark M] table T}. */
    private static VirtualRule rule(RouteEntry r, String tag) throws ConfigMappingException {
        String text = String.join(" ", r.words());
        if (r.table() == null) {
            throw new ConfigMappingException(tag + "virtual rule '" + text + "': only 'table' rules are supported");
        }
        Rule rule = Rule.lookup(table(r.table(), tag));
        List<String> w = r.words();
        try {
            for (int i = 0; i + 1 < w.size(); i++) {
                String v = w.get(i + 1);
                switch (w.get(i)) {
                    case "from" -> rule = v.equals("all") ? rule : rule.withFrom(prefixAddress(v), prefixLength(v));
                    case "to" -> rule = v.equals("all") ? rule : rule.withTo(prefixAddress(v), prefixLength(v));
                    case "iif", "dev" -> rule = rule.withInterfaces(v, rule.oif());
                    case "oif" -> rule = rule.withInterfaces(rule.iif(), v);
                    case "priority", "pref", "preference" -> rule = rule.withPriority(Integer.parseInt(v));
                    default -> { }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigMappingException(tag + "virtual rule '" + text + "': " + e.getMessage());
        }
        return new VirtualRule(rule, text);
    }

    private static InetAddress prefixAddress(String v) {
        InetAddress a = parse(v.contains("/") ? v.substring(0, v.indexOf('/')) : v);
        if (a == null) {
            throw new IllegalArgumentException("invalid address " + v);
        }
        return a;
    }

    private static int prefixLength(String v) {
        return v.contains("/") ? Integer.parseInt(v.substring(v.indexOf('/') + 1)) : 32;
    }

    private static int table(String text, String tag) throws ConfigMappingException {
        switch (text) {
            case "main" -> { return Rtnl.RT_TABLE_MAIN; }
            case "local" -> { return Rtnl.RT_TABLE_LOCAL; }
            default -> {
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new ConfigMappingException(tag + "unknown routing table " + text);
                }
            }
        }
    }

    private static InetAddress parse(String text) {
        try {
            return text.matches("[0-9.]+") ? InetAddress.getByName(text) : null;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
