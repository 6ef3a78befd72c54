package dev.vigil.conf.sections;

import dev.vigil.conf.model.GarpGroup;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.model.SslConfig;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackProcess;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns the statement tree into the typed model: top-level dispatch, then {@link Completer} for cross-checks. */
public final class ConfigReader {
    private final Reporter reporter;
    private final Ctx ctx;
    private final java.util.function.Predicate<String> interfaceExists;

    /** @param interfaceExists null = do not check interface names against the host */
    public ConfigReader(Reporter reporter, java.util.function.Predicate<String> interfaceExists) {
        this.reporter = reporter;
        this.ctx = Ctx.of(reporter);
        this.interfaceExists = interfaceExists;
    }

    public KeepalivedConfig read(List<Node> top) {
        GlobalDefsParser globals = new GlobalDefsParser(ctx);
        VrrpParser vrrp = new VrrpParser(ctx);
        LvsParser lvs = new LvsParser(ctx);
        AddressParser addresses = new AddressParser(ctx);
        GlobalDefsParser.Draft g = new GlobalDefsParser.Draft();
        List<VrrpParser.InstanceDraft> instances = new ArrayList<>();
        List<VrrpParser.SyncGroupDraft> groups = new ArrayList<>();
        List<VrrpScript> scripts = new ArrayList<>();
        List<TrackFile> trackFiles = new ArrayList<>();
        List<TrackProcess> trackProcesses = new ArrayList<>();
        List<GarpGroup> garpGroups = new ArrayList<>();
        List<IpAddressEntry> staticAddresses = new ArrayList<>();
        List<dev.vigil.conf.parse.Token> staticAddressTokens = new ArrayList<>();
        List<RouteEntry> staticRoutes = new ArrayList<>();
        List<RouteEntry> staticRules = new ArrayList<>();
        List<LvsParser.VsDraft> servers = new ArrayList<>();
        List<VirtualServerGroup> vsGroups = new ArrayList<>();
        SslConfig ssl = null;
        Set<String> instanceNames = new HashSet<>();
        Set<String> groupNames = new HashSet<>();
        Set<String> scriptNames = new HashSet<>();

        Section<Void> root = new Section<Void>("the top level", Keywords.TOP_LEVEL);
        root.block("global_defs", (n, x) -> globals.parse(n, g))
                .value("instance", (n, x) -> globals.rootKeyword(n, g))
                .value("net_namespace", (n, x) -> globals.rootKeyword(n, g))
                .block("vrrp_instance", (n, x) -> {
                    if (named(n, "vrrp_instance must have a name", instanceNames,
                            "vrrp instance %s already defined")) {
                        instances.add(vrrp.instance(n));
                    }
                })
                .block("vrrp_sync_group", (n, x) -> {
                    if (named(n, "vrrp_sync_group must have a name - skipping", groupNames,
                            "vrrp sync group %s already defined")) {
                        groups.add(vrrp.syncGroup(n));
                    }
                })
                .block("vrrp_script", (n, x) -> {
                    if (named(n, "vrrp_script must have a name", scriptNames, "vrrp_script %s already defined")) {
                        add(scripts, vrrp.script(n));
                    }
                })
                .block("track_file", (n, x) -> {
                    if (named(n, "track_file must have a name", null, null)) {
                        add(trackFiles, vrrp.trackFile(n));
                    }
                })
                .block("vrrp_track_file", (n, x) -> {
                    if (named(n, "vrrp_track_file must have a name", null, null)) {
                        add(trackFiles, vrrp.trackFile(n));
                    }
                })
                .block("vrrp_track_process", (n, x) -> {
                    if (named(n, "vrrp_track_process must have a name", null, null)) {
                        add(trackProcesses, vrrp.trackProcess(n));
                    }
                })
                .block("garp_group", (n, x) -> add(garpGroups, vrrp.garpGroup(n)))
                .block("static_ipaddress", (n, x) -> {
                    staticAddresses.addAll(addresses.addresses(n));
                    n.children().forEach(c -> staticAddressTokens.add(c.keyword()));
                })
                .block("static_routes", (n, x) -> staticRoutes.addAll(addresses.routes(n, false, false)))
                .block("static_rules", (n, x) -> staticRules.addAll(addresses.routes(n, true, false)))
                .block("virtual_server_group", (n, x) -> {
                    if (named(n, "virtual_server_group must have a name", null, null)) {
                        add(vsGroups, lvs.group(n));
                    }
                })
                .block("virtual_server", (n, x) -> add(servers, lvs.virtualServer(n,
                        trackFiles.stream().map(TrackFile::name).collect(java.util.stream.Collectors.toSet()))));
        SslConfig[] sslHolder = {null};
        root.block("SSL", (n, x) -> sslHolder[0] = lvs.ssl(n));
        root.apply(top, null, ctx);
        ssl = sslHolder[0];

        Completer completer = new Completer(reporter, g.build(), scripts, trackFiles, trackProcesses,
                new InterfaceCheck(reporter, interfaceExists));
        var builtInstances = completer.instances(instances);
        var builtGroups = completer.syncGroups(groups, builtInstances);
        java.util.Map<String, dev.vigil.conf.SourcePos> positions = new java.util.HashMap<>();
        instances.forEach(d -> positions.putIfAbsent(d.name, d.node.arg(0).pos()));
        builtInstances = completer.withSyncGroups(builtInstances, builtGroups, positions);
        List<VirtualServer> builtServers = new ArrayList<>();
        Boolean rsSmtpDefault = g.smtpAlertChecker != null ? g.smtpAlertChecker : g.smtpAlert;
        java.util.Map<String, VirtualServerGroup> groupsByName = new java.util.HashMap<>();
        vsGroups.forEach(vg -> groupsByName.putIfAbsent(vg.name(), vg));
        for (LvsParser.VsDraft d : servers) {
            add(builtServers, lvs.build(d, rsSmtpDefault, groupsByName));
        }
        KeepalivedConfig config = new KeepalivedConfig(completer.globals(), scripts, trackFiles, trackProcesses,
                builtGroups, builtInstances, garpGroups, staticAddresses, staticRoutes, staticRules, ssl, vsGroups,
                builtServers);
        completer.checkStaticAddresses(staticAddresses, staticAddressTokens);
        completer.checkScriptSecurity(config, ctx.origins());
        completer.interfaces().reportNonExistent();
        return config;
    }

    private boolean named(Node n, String missing, Set<String> seen, String duplicate) {
        String name = n.argText(0);
        if (name == null) {
            reporter.error(n.keyword(), missing);
            return false;
        }
        if (seen != null && !seen.add(name)) {
            reporter.error(n.arg(0), String.format(duplicate, name));
            return false;
        }
        return true;
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }
}
