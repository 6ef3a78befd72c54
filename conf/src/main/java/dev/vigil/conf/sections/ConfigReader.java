package dev.vigil.conf.sections;

import dev.vigil.conf.model.GarpGroup;
import dev.vigil.conf.model.GlobalDefs;
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
    private static final Section ROOT = new Section("the top level", Keywords.TOP_LEVEL)
            .values("instance", "net_namespace")
            .valueBlocks("static_ipaddress", "static_routes", "static_rules")
            .blocks("global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script", "track_file", "vrrp_track_file",
                    "vrrp_track_process", "garp_group", "virtual_server_group", "virtual_server", "SSL");

    private final Reporter reporter;
    private final Ctx ctx;

    /** @param interfaceExists null = do not check interface names against the host */
    public ConfigReader(Reporter reporter, java.util.function.Predicate<String> interfaceExists) {
        this.reporter = reporter;
        this.ctx = Ctx.of(reporter, interfaceExists);
    }

    public KeepalivedConfig read(List<Node> top) {
        GlobalDefsParser globals = new GlobalDefsParser(ctx);
        VrrpParser vrrp = new VrrpParser(ctx);
        TrackingParser tracking = new TrackingParser(ctx);
        LvsParser lvs = new LvsParser(ctx);
        AddressParser addresses = new AddressParser(ctx);
        GlobalDefsParser.Draft g = new GlobalDefsParser.Draft();
        List<VrrpParser.InstanceDraft> instances = new ArrayList<>();
        List<VrrpParser.SyncGroupDraft> groups = new ArrayList<>();
        List<VrrpScript> parsedScripts = new ArrayList<>();
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

        boolean vrrpDeclared = false;
        for (Node n : top) {
            if (!ROOT.accepts(n, ctx)) {
                continue;
            }
            switch (n.name()) {
                case "global_defs" -> globals.parse(n, g);
                case "instance", "net_namespace" -> globals.rootKeyword(n, g);
                case "vrrp_instance" -> {
                    vrrpDeclared = true;
                    if (singleName(n, "vrrp_instance must have a name")
                            && named(n, "vrrp_instance must have a name", instanceNames,
                            "vrrp instance %s already defined")) {
                        instances.add(vrrp.instance(n));
                    }
                }
                case "vrrp_sync_group" -> {
                    if (singleName(n, "vrrp_sync_group must have a name - skipping")
                            && named(n, "vrrp_sync_group must have a name - skipping", groupNames,
                            "vrrp sync group %s already defined")) {
                        groups.add(vrrp.syncGroup(n));
                    }
                }
                case "vrrp_script" -> {
                    if (named(n, "vrrp_script must have a name", scriptNames, "vrrp_script %s already defined")) {
                        add(parsedScripts, tracking.script(n));
                    }
                }
                case "track_file", "vrrp_track_file" -> {
                    if (named(n, n.name() + " must have a name", null, null)) {
                        add(trackFiles, tracking.trackFile(n));
                    }
                }
                case "vrrp_track_process" -> {
                    if (named(n, "vrrp_track_process must have a name", null, null)) {
                        add(trackProcesses, tracking.trackProcess(n));
                    }
                }
                case "garp_group" -> add(garpGroups, vrrp.garpGroup(n));
                case "static_ipaddress" -> {
                    staticAddresses.addAll(addresses.addresses(n));
                    for (Node line : n.children()) {
                        staticAddressTokens.add(line.keyword());
                    }
                }
                case "static_routes" -> staticRoutes.addAll(addresses.routes(n, false, false));
                case "static_rules" -> staticRules.addAll(addresses.routes(n, true, false));
                case "virtual_server_group" -> {
                    if (named(n, "virtual_server_group must have a name", null, null)) {
                        add(vsGroups, lvs.group(n));
                    }
                }
                case "virtual_server" -> add(servers, lvs.virtualServer(n, names(trackFiles)));
                case "SSL" -> ssl = lvs.ssl(n);
                default -> throw ROOT.unhandled(n);
            }
        }

        GlobalDefs globalDefs = g.build();
        List<VrrpScript> scripts = usableScripts(parsedScripts, globalDefs, vrrpDeclared);
        Completer completer = new Completer(reporter, globalDefs, scripts, trackFiles, trackProcesses,
                ctx.interfaces());
        var builtInstances = completer.instances(instances);
        var builtGroups = completer.syncGroups(groups, builtInstances);
        java.util.Map<String, dev.vigil.conf.SourcePos> positions = new java.util.HashMap<>();
        for (VrrpParser.InstanceDraft d : instances) {
            positions.putIfAbsent(d.name, d.node.arg(0).pos());
        }
        builtInstances = completer.withSyncGroups(builtInstances, builtGroups, positions);
        List<VirtualServer> builtServers = new ArrayList<>();
        Boolean rsSmtpDefault = g.smtpAlertChecker != null ? g.smtpAlertChecker : g.smtpAlert;
        java.util.Map<String, VirtualServerGroup> groupsByName = new java.util.HashMap<>();
        for (VirtualServerGroup vg : vsGroups) {
            groupsByName.putIfAbsent(vg.name(), vg);
        }
        for (LvsParser.VsDraft d : servers) {
            add(builtServers, lvs.build(d, rsSmtpDefault, groupsByName));
        }
        KeepalivedConfig config = new KeepalivedConfig(completer.globals(), scripts, trackFiles, trackProcesses,
                builtGroups, builtInstances, garpGroups, staticAddresses, staticRoutes, staticRules, ssl, vsGroups,
                builtServers);
        completer.checkStaticAddresses(staticAddresses, staticAddressTokens);
        completer.checkScriptSecurity(config, ctx.origins(), vrrpDeclared);
        completer.interfaces().reportNonExistent();
        return config;
    }

    /**
     * The vrrp_scripts keepalived keeps: with enable_script_security and no script user it needs the
     * keepalived_script user; a script whose program cannot be found is disabled (vrrp/vrrp.c
     * {@code check_track_script_secure()}, lib/notify.c {@code get_default_script_user()}).
     */
    private List<VrrpScript> usableScripts(List<VrrpScript> scripts, GlobalDefs globals, boolean haveInstances) {
        List<VrrpScript> out = new ArrayList<>();
        boolean defaultUserReported = false;
        for (VrrpScript s : scripts) {
            dev.vigil.conf.SourcePos pos = ctx.origins().getOrDefault(s, dev.vigil.conf.SourcePos.NONE);
            if (globals.enableScriptSecurity() && globals.scriptUser() == null && s.user() == null
                    && !Completer.userExists("keepalived_script")) {
                if (!defaultUserReported) {
                    reporter.error(pos, s.name(), "Unable to set default user keepalived_script for script");
                    defaultUserReported = true;
                }
                reporter.error(pos, s.name(), "Unable to set default user for vrrp script " + s.name()
                        + " - removing (set script_user in global_defs or user in the vrrp_script)");
                continue;
            }
            if (haveInstances && !Completer.scriptRunnable(s.script())) {
                reporter.error(pos, s.name(), "Disabling track script " + s.name() + " since not found/accessible");
                continue;
            }
            out.add(s);
        }
        return out;
    }

    /** keepalived wants exactly one word after vrrp_instance / vrrp_sync_group. */
    private boolean singleName(Node n, String message) {
        if (n.argCount() != 1) {
            reporter.error(n.arg(1) != null ? n.arg(1) : n.keyword(), message);
            return false;
        }
        return true;
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

    private static Set<String> names(List<TrackFile> trackFiles) {
        Set<String> names = new HashSet<>();
        for (TrackFile f : trackFiles) {
            names.add(f.name());
        }
        return names;
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }
}
