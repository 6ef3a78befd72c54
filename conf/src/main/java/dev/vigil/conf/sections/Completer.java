package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.or;

import dev.vigil.conf.Severity;
import dev.vigil.conf.SourcePos;
import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.GarpSettings;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.Notifies;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackProcess;
import dev.vigil.conf.model.TrackRef;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpState;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.conf.parse.Reporter;
import dev.vigil.conf.parse.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * keepalived's post-parse completion (vrrp/vrrp.c {@code vrrp_complete_instance()}, vrrp/vrrp_sync.c,
 * check/check_data.c): defaults that depend on other settings, coercions and cross-reference checks.
 */
final class Completer {
    private final Reporter reporter;
    private final GlobalDefs globals;
    private final Map<String, VrrpScript> scripts;
    private final Map<String, Integer> trackFiles;
    private final Set<String> trackProcesses;

    private final InterfaceCheck interfaces;

    Completer(Reporter reporter, GlobalDefs globals, List<VrrpScript> scripts, List<TrackFile> trackFiles,
            List<TrackProcess> trackProcesses, InterfaceCheck interfaces) {
        this.reporter = reporter;
        this.interfaces = interfaces;
        this.globals = globals;
        this.scripts = new HashMap<>();
        for (VrrpScript s : scripts) {
            this.scripts.putIfAbsent(s.name(), s);
        }
        this.trackFiles = new HashMap<>();
        for (TrackFile f : trackFiles) {
            this.trackFiles.putIfAbsent(f.name(), f.weight());
        }
        this.trackProcesses = new HashSet<>();
        for (TrackProcess p : trackProcesses) {
            this.trackProcesses.add(p.name());
        }
    }

    GlobalDefs globals() {
        return globals;
    }

    InterfaceCheck interfaces() {
        return interfaces;
    }

    /** A static address without dev uses default_interface, which must then exist (keepalived: CONFIG_FATAL). */
    void checkStaticAddresses(List<IpAddressEntry> addresses, List<Token> tokens) {
        for (IpAddressEntry a : addresses) {
            Token t = tokenFor(tokens, a);
            SourcePos pos = t != null ? t.pos() : SourcePos.NONE;
            if (a.device() == null) {
                if (!interfaces.exists(globals.defaultInterface())) {
                    interfaces.missing(pos);
                    reporter.report(Severity.FATAL, pos, a.cidr().toString(), "Static address "
                            + (t != null ? t.text() : a.cidr().toString())
                            + " requires either an interface or default interface must exist");
                }
            } else {
                interfaces.check(a.device(), pos, "WARNING - interface " + a.device() + " for ip address "
                        + (t != null ? t.text() : a.cidr().toString()) + " doesn't exist");
            }
        }
    }

    List<VrrpInstance> instances(List<VrrpParser.InstanceDraft> drafts) {
        List<VrrpInstance> out = new ArrayList<>();
        Map<String, String> vridOwners = new HashMap<>();
        for (VrrpParser.InstanceDraft d : drafts) {
            VrrpInstance i = instance(d);
            if (i == null) {
                continue;
            }
            String family = i.virtualIpAddresses().isEmpty() || i.virtualIpAddresses().get(0).cidr().isIpv4()
                    ? "4" : "6";
            String key = i.interfaceName() + "/" + family + "/" + i.virtualRouterId();
            String other = i.unicastPeers().isEmpty() ? vridOwners.putIfAbsent(key, i.name()) : null;
            if (other != null) {
                reporter.error(d.node.arg(0).pos(), i.name(), other + " and " + i.name() + " both use VRID "
                        + i.virtualRouterId() + " with IPv" + family + " on interface " + i.interfaceName());
            }
            out.add(i);
        }
        return out;
    }

    private VrrpInstance instance(VrrpParser.InstanceDraft d) {
        String name = d.name;
        SourcePos pos = d.node.arg(0) != null ? d.node.arg(0).pos() : d.node.pos();
        if (d.vrid == null) {
            reporter.error(pos, name, "(" + name + ") the virtual router id must be set");
            return null;
        }
        String ifname = d.interfaceName;
        SourcePos ifPos = d.interfaceToken != null ? d.interfaceToken.pos() : pos;
        if ("lo".equals(ifname)) {
            reporter.error(ifPos, ifname, "(" + name + ") cannot use a loopback interface (lo) for vrrp - ignoring");
            ifname = null;
        } else if (ifname != null) {
            interfaces.check(ifname, ifPos, "WARNING - interface " + ifname + " for vrrp_instance " + name
                    + " doesn't exist");
        }
        if (ifname == null) {
            reporter.error(pos, name, "(" + name + ") Unknown interface!");
        }
        int priority = d.priority != null ? d.priority
                : d.state == VrrpState.MASTER ? dev.vigil.conf.model.Defaults.PRIORITY_OWNER
                : dev.vigil.conf.model.Defaults.PRIORITY;
        VrrpState state = d.state != null ? d.state
                : priority == dev.vigil.conf.model.Defaults.PRIORITY_OWNER ? VrrpState.MASTER : VrrpState.BACKUP;

        List<IpAddressEntry> vips = new ArrayList<>();
        Boolean ipv4 = null;
        for (int k = 0; k < d.vips.size(); k++) {
            IpAddressEntry e = d.vips.get(k);
            if (ipv4 == null) {
                ipv4 = e.cidr().isIpv4();
            } else if (ipv4 != e.cidr().isIpv4()) {
                Token t = tokenFor(d.vipTokens, e);
                String text = t != null ? t.text() : dev.vigil.conf.model.Addresses.format(e.cidr().address());
                reporter.error(t != null ? t.pos() : pos, text, "(" + name
                        + "): address family must match VRRP instance [" + text + "] - ignoring");
                continue;
            }
            vips.add(e);
        }
        for (int k = 0; k < vips.size(); k++) {
            IpAddressEntry e = vips.get(k);
            if (e.device() != null) {
                Token t = tokenFor(d.vipTokens, e);
                interfaces.check(e.device(), t != null ? t.pos() : pos, "WARNING - interface " + e.device()
                        + " for ip address " + (t != null ? t.text() : e.cidr().toString()) + " doesn't exist");
            }
        }
        List<TrackRef> trackInterfaces = new ArrayList<>();
        for (int k = 0; k < d.trackInterfaces.size(); k++) {
            TrackRef r = d.trackInterfaces.get(k);
            SourcePos at = k < d.trackInterfaceTokens.size() ? d.trackInterfaceTokens.get(k).pos() : pos;
            if (!interfaces.check(r.name(), at, "(" + name + ") tracked interface " + r.name() + " doesn't exist")) {
                continue;
            }
            if (named(trackInterfaces, r.name())) {
                reporter.error(at, r.name(), "(" + name + ") duplicate track_interface " + r.name() + " - ignoring");
                continue;
            }
            if (r.weight() != null && Math.abs(r.weight()) == 254) {
                reporter.error(at, r.name(), "(" + name + ") weight for " + r.name()
                        + " cannot be +/-254. Setting to +/-253");
                trackInterfaces.add(new TrackRef(r.name(), r.weight() > 0 ? 253 : -253, r.reverse()));
                continue;
            }
            trackInterfaces.add(r);
        }
        int version = d.version != null ? d.version : globals.vrrpVersion();
        if (ipv4 != null && !ipv4) {
            version = 3;
        }
        if (vips.isEmpty()) {
            if (version == 3 || (d.strict != null ? d.strict : globals.vrrpStrict())) {
                reporter.error(pos, name, "(" + name + ") No VIP specified; at least one is required");
                return null;
            }
            reporter.warning(pos, name, "(" + name + ") No VIP specified; at least one is sensible");
        }
        Duration advert = d.advertInt != null ? d.advertInt : dev.vigil.conf.model.Defaults.ADVERT_INT;
        if (version == 2) {
            long micros = advert.toNanos() / 1000;
            if (micros >= 256_000_000L) {
                reporter.error(pos, name, String.format(Locale.ROOT, "(%s) VRRPv2 advertisement interval %.2fs is out"
                        + " of range. Must be less than 256s. Setting to 255s", name, micros / 1e6));
                advert = Duration.ofSeconds(255);
            } else if (micros % 1_000_000 != 0) {
                reporter.error(pos, name, String.format(Locale.ROOT,
                        "(%s) VRRPv2 advertisement interval %fs must be an integer. rounding", name, micros / 1e6));
                long rounded = (micros + 500_000) / 1_000_000;
                advert = Duration.ofSeconds(Math.max(1, rounded));
            }
        } else if (advert.toMillis() >= 40_960) {
            reporter.error(pos, name, String.format(Locale.ROOT, "(%s) VRRPv3 advertisement interval %.2fs is out of"
                    + " range. Must be less than 40.96s. Setting to 40.95s", name, advert.toNanos() / 1e9));
            advert = Duration.ofMillis(40_950);
        }

        boolean nopreempt = d.nopreempt;
        Duration preemptDelay = d.preemptDelay;
        SourcePos npPos = d.nopreemptToken != null ? d.nopreemptToken.pos() : pos;
        if (priority == dev.vigil.conf.model.Defaults.PRIORITY_OWNER && nopreempt) {
            reporter.error(npPos, "nopreempt", "(" + name + ") nopreempt is incompatible with priority 255."
                    + " resetting nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER) {
            if (nopreempt) {
                reporter.error(npPos, "nopreempt", "(" + name + ") Warning - nopreempt will not work"
                        + " with initial state MASTER - clearing");
                nopreempt = false;
            }
            if (!preemptDelay.isZero()) {
                reporter.error(pos, name, "(" + name + ") Warning - preempt delay will not work"
                        + " with initial state MASTER - clearing");
                preemptDelay = Duration.ZERO;
            }
        }

        dev.vigil.conf.model.Authentication auth = null;
        if (d.authType != null) {
            if (version == 3) {
                reporter.warning(pos, name, "(" + name + ") Cannot use authentication with VRRPv3 - ignoring");
            } else {
                auth = new dev.vigil.conf.model.Authentication(d.authType, d.authPass == null ? "" : d.authPass);
            }
        }

        List<TrackRef> trackScripts = new ArrayList<>();
        Set<String> seenScripts = new HashSet<>();
        for (int k = 0; k < d.trackScripts.size(); k++) {
            TrackRef ref = d.trackScripts.get(k);
            SourcePos at = k < d.trackScriptTokens.size() ? d.trackScriptTokens.get(k).pos() : pos;
            if (!scripts.containsKey(ref.name())) {
                reporter.error(at, ref.name(), "(" + name + ") track script " + ref.name() + " not found, ignoring..."
                        + suggestion(ref.name(), scripts.keySet()));
                continue;
            }
            if (!seenScripts.add(ref.name())) {
                reporter.error(at, ref.name(), "(" + name + ") duplicate track_script " + ref.name() + " - ignoring");
                continue;
            }
            trackScripts.add(ref);
        }
        List<TrackRef> files = known(d.trackFiles, trackFiles.keySet(), name, "track file", pos);
        List<TrackRef> processes = known(d.trackProcesses, trackProcesses, name, "track process", pos);

        boolean strict = d.strict != null ? d.strict : globals.vrrpStrict();
        boolean accept = d.accept != null ? d.accept
                : !strict || priority == dev.vigil.conf.model.Defaults.PRIORITY_OWNER;
        boolean smtp = d.smtpAlert != null ? d.smtpAlert
                : globals.smtpAlertVrrp() != null ? globals.smtpAlertVrrp()
                : globals.smtpAlert() != null && globals.smtpAlert();
        GarpSettings garp = new GarpSettings(
                or(d.garpMasterDelay, globals.vrrpGarpMasterDelay()),
                or(d.garpMasterRepeat, globals.vrrpGarpMasterRepeat()),
                or(d.garpMasterRefresh, globals.vrrpGarpMasterRefresh()),
                or(d.garpMasterRefreshRepeat, globals.vrrpGarpMasterRefreshRepeat()),
                or(d.garpLowerPrioDelay, or(d.garpMasterDelay, globals.vrrpGarpLowerPrioDelay())),
                or(d.garpLowerPrioRepeat, or(d.garpMasterRepeat, globals.vrrpGarpLowerPrioRepeat())),
                globals.vrrpGarpInterval(), globals.vrrpGnaInterval());
        NotifyScript[] n = d.notify;
        Notifies notifies = new Notifies(n[VrrpParser.N_MASTER], n[VrrpParser.N_BACKUP], n[VrrpParser.N_FAULT],
                n[VrrpParser.N_STOP], n[VrrpParser.N_DELETED], n[VrrpParser.N_GENERIC], n[VrrpParser.N_RX_LOWER]);
        return new VrrpInstance(name, state, ifname, d.vrid, priority, advert, version, auth, vips, d.excluded,
                d.routes, d.rules, nopreempt, preemptDelay, d.unicastSrc, d.peers, d.mcastSrc, d.unicastTtl,
                trackInterfaces, trackScripts, files, processes, d.trackBfds, notifies, d.notifyPriorityChanges,
                smtp, garp, d.dontTrackPrimary, accept, strict,
                d.skipCheckAdvAddr != null ? d.skipCheckAdvAddr : globals.vrrpSkipCheckAdvAddr(),
                d.promoteSecondaries, or(d.downTimerAdverts, globals.vrrpDownTimerAdverts()),
                or(d.lowerPrioNoAdvert, globals.vrrpLowerPrioNoAdvert()),
                or(d.higherPrioSendAdvert, globals.vrrpHigherPrioSendAdvert()), d.useVmac, d.vmacName, null);
    }

    private List<TrackRef> known(List<TrackRef> refs, Set<String> defined, String instance, String what,
            SourcePos pos) {
        List<TrackRef> out = new ArrayList<>();
        for (TrackRef r : refs) {
            if (defined.contains(r.name())) {
                out.add(r);
            } else {
                reporter.error(pos, r.name(), "(" + instance + ") " + what + " " + r.name() + " not found, ignoring...");
            }
        }
        return out;
    }

    private static Token tokenFor(List<Token> tokens, IpAddressEntry e) {
        for (Token t : tokens) {
            String text = t.text();
            int slash = text.indexOf('/');
            if (e.cidr().address().equals(Values.parseIp(slash < 0 ? text : text.substring(0, slash)))) {
                return t;
            }
        }
        return null;
    }

    private static boolean named(List<TrackRef> refs, String name) {
        for (TrackRef r : refs) {
            if (r.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String suggestion(String name, Set<String> candidates) {
        String s = Suggest.closest(name, candidates);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    List<VrrpSyncGroup> syncGroups(List<VrrpParser.SyncGroupDraft> drafts, List<VrrpInstance> instances) {
        Set<String> names = new HashSet<>();
        for (VrrpInstance i : instances) {
            names.add(i.name());
        }
        Set<String> taken = new HashSet<>();
        List<VrrpSyncGroup> out = new ArrayList<>();
        for (VrrpParser.SyncGroupDraft d : drafts) {
            SourcePos pos = d.node.arg(0) != null ? d.node.arg(0).pos() : d.node.pos();
            List<String> members = new ArrayList<>();
            for (Token m : d.members) {
                if (!names.contains(m.text())) {
                    reporter.error(m, "Virtual router " + m.text() + " specified in sync group " + d.name
                            + " doesn't exist - ignoring" + suggestion(m.text(), names));
                } else if (!taken.add(m.text())) {
                    reporter.error(m, "Virtual router " + m.text() + " cannot exist in more than one sync group;"
                            + " ignoring " + d.name);
                } else {
                    members.add(m.text());
                }
            }
            if (members.isEmpty()) {
                reporter.error(pos, d.name, "Sync group " + d.name + ", no matching virtual router found"
                        + " in group declaration - removing");
                continue;
            }
            if (members.size() == 1) {
                reporter.error(pos, d.name, "Sync group " + d.name + " has only 1 virtual router(s) -"
                        + " this probably isn't what you want");
            }
            NotifyScript[] n = d.notify;
            out.add(new VrrpSyncGroup(d.name, members, new Notifies(n[VrrpParser.N_MASTER], n[VrrpParser.N_BACKUP],
                    n[VrrpParser.N_FAULT], n[VrrpParser.N_STOP], null, n[VrrpParser.N_GENERIC], null), d.smtpAlert,
                    d.trackInterfaces, d.trackScripts, d.trackFiles, d.trackProcesses, d.trackingWeight,
                    d.notifyPriorityChanges));
        }
        return out;
    }

    /**
     * Records each instance's sync group and applies keepalived's rule that members of a sync group (unless
     * sync_group_tracking_weight) and address owners (priority 255) do not use tracking weights: weighted
     * interfaces are set to 0 (owner: dropped), weighted scripts and files are dropped.
     */
    List<VrrpInstance> withSyncGroups(List<VrrpInstance> instances, List<VrrpSyncGroup> groups,
            Map<String, SourcePos> positions) {
        Map<String, VrrpSyncGroup> byMember = new HashMap<>();
        for (VrrpSyncGroup g : groups) {
            for (String member : g.instances()) {
                byMember.put(member, g);
            }
        }
        List<VrrpInstance> out = new ArrayList<>();
        for (VrrpInstance i : instances) {
            VrrpSyncGroup g = byMember.get(i.name());
            boolean sync = g != null && !g.syncGroupTrackingWeight();
            boolean owner = i.priority() == dev.vigil.conf.model.Defaults.PRIORITY_OWNER;
            List<TrackRef> ti = i.trackInterfaces();
            List<TrackRef> ts = i.trackScripts();
            List<TrackRef> tf = i.trackFiles();
            if (sync || owner) {
                SourcePos pos = positions.getOrDefault(i.name(), SourcePos.NONE);
                String why = sync ? "SYNC group" : "address_owner";
                ti = new ArrayList<>();
                for (TrackRef r : i.trackInterfaces()) {
                    if (r.weight() != null && r.weight() != 0) {
                        reporter.error(pos, r.name(), "(" + i.name() + ") ignoring " + r.name() + " tracked interface "
                                + (sync ? "weight " : "") + "due to " + (sync ? "SYNC group" : "address owner"));
                        if (sync) {
                            ti.add(new TrackRef(r.name(), 0, r.reverse()));
                        }
                    } else {
                        ti.add(r);
                    }
                }
                ts = new ArrayList<>();
                for (TrackRef r : i.trackScripts()) {
                    int w = r.weight() != null ? r.weight() : scripts.get(r.name()).weight();
                    if (w != 0) {
                        reporter.error(pos, r.name(), "(" + i.name() + ") ignoring tracked script " + r.name()
                                + " with weights due to " + why);
                    } else {
                        ts.add(r);
                    }
                }
                tf = new ArrayList<>();
                for (TrackRef r : i.trackFiles()) {
                    int w = r.weight() != null ? r.weight() : trackFiles.getOrDefault(r.name(), 1);
                    if (w == 1) {
                        reporter.error(pos, r.name(), "(" + i.name() + ") ignoring weight from tracked file " + r.name()
                                + " due to " + why + ". specify weight 0");
                        tf.add(new TrackRef(r.name(), 0, r.reverse()));
                    } else if (w != 0) {
                        reporter.error(pos, r.name(), "(" + i.name() + ") ignoring tracked file " + r.name()
                                + " with weight " + w + " due to " + why);
                    } else {
                        tf.add(r);
                    }
                }
            }
            out.add(new VrrpInstance(i.name(), i.state(), i.interfaceName(), i.virtualRouterId(), i.priority(),
                    i.advertInterval(), i.version(), i.authentication(), i.virtualIpAddresses(),
                    i.virtualIpAddressesExcluded(), i.virtualRoutes(), i.virtualRules(), i.nopreempt(),
                    i.preemptDelay(), i.unicastSrcIp(), i.unicastPeers(), i.mcastSrcIp(), i.unicastTtl(), ti, ts, tf,
                    i.trackProcesses(), i.trackBfds(), i.notifies(), i.notifyPriorityChanges(), i.smtpAlert(),
                    i.garp(), i.dontTrackPrimary(), i.accept(), i.strictMode(), i.skipCheckAdvAddr(),
                    i.promoteSecondaries(), i.downTimerAdverts(), i.lowerPrioNoAdvert(), i.higherPrioSendAdvert(),
                    i.useVmac(), i.vmacInterfaceName(), g == null ? null : g.name()));
        }
        return out;
    }

    /**
     * keepalived refuses to run scripts as root without enable_script_security: {@code -t} exits 6. The
     * diagnostic points at the first script that would run.
     */
    void checkScriptSecurity(KeepalivedConfig c, Map<Object, SourcePos> origins, boolean vrrpDeclared) {
        if (globals.enableScriptSecurity() || userExists("keepalived_script") && globals.scriptUser() == null) {
            return;
        }
        List<Object> vrrpScripts = new ArrayList<>();
        // keepalived checks before it drops invalid instances: any vrrp_instance block counts
        if (vrrpDeclared) {
            vrrpScripts.addAll(c.vrrpScripts());
            for (VrrpInstance i : c.vrrpInstances()) {
                addNotifies(vrrpScripts, i.notifies());
            }
            for (VrrpSyncGroup g : c.vrrpSyncGroups()) {
                addNotifies(vrrpScripts, g.notifies());
            }
        }
        List<Object> checkScripts = new ArrayList<>();
        for (VirtualServer vs : c.virtualServers()) {
            addScript(checkScripts, vs.quorumUp());
            addScript(checkScripts, vs.quorumDown());
            for (RealServer rs : vs.realServers()) {
                addScript(checkScripts, rs.notifyUp());
                addScript(checkScripts, rs.notifyDown());
                for (Checker ch : rs.checkers()) {
                    if (ch instanceof Checker.MiscCheck) {
                        checkScripts.add(ch);
                    }
                }
            }
        }
        reportInsecure(vrrpScripts, origins, "scripts");
        reportInsecure(checkScripts, origins, "check scripts");
    }

    private void reportInsecure(List<Object> scripts, Map<Object, SourcePos> origins, String what) {
        for (Object s : scripts) {
            String command = s instanceof VrrpScript v ? v.script()
                    : s instanceof Checker.MiscCheck m ? m.path() : ((NotifyScript) s).command();
            if (scriptExists(command)) {
                reporter.report(Severity.SECURITY, origins.getOrDefault(s, SourcePos.NONE), command,
                        "SECURITY VIOLATION - " + what + " are being executed but script_security not enabled."
                        + " (first: '" + command + "'; add enable_script_security to global_defs)");
                return;
            }
        }
    }

    private static void addNotifies(List<Object> out, Notifies n) {
        for (NotifyScript s : new NotifyScript[] {n.master(), n.backup(), n.fault(), n.stop(), n.deleted(),
                n.generic(), n.masterRxLowerPri()}) {
            addScript(out, s);
        }
    }

    private static void addScript(List<Object> out, NotifyScript s) {
        if (s != null && !s.command().isEmpty()) {
            out.add(s);
        }
    }

    /**
     * Whether keepalived would keep a script: a {@code </path} file test (run by the shell) or a program that
     * exists.
     */
    static boolean scriptRunnable(String command) {
        String s = command.strip();
        if (s.startsWith("<") && s.substring(1).strip().startsWith("/")) {
            return true;
        }
        return scriptExists(command);
    }

    /** Whether the program a script string starts with exists (absolute, or found on keepalived's PATH). */
    static boolean scriptExists(String command) {
        int quotes = 0;
        for (int i = 0; i < command.length(); i++) {
            quotes += command.charAt(i) == '"' ? 1 : 0;
        }
        if (quotes % 2 == 1) {
            return false;
        }
        String first = command.strip().split("\\s+", 2)[0].replace("'", "").replace("\"", "");
        if (first.isEmpty()) {
            return false;
        }
        try {
            if (first.contains("/")) {
                Path p = Path.of(first);
                return Files.isRegularFile(p);
            }
            for (String dir : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".split(":")) {
                if (Files.isRegularFile(Path.of(dir, first))) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    private static final Map<String, Boolean> USERS = new java.util.concurrent.ConcurrentHashMap<>();

    static boolean userExists(String user) {
        Boolean exists = USERS.get(user);
        if (exists == null) {
            exists = readUserExists(user);
            USERS.put(user, exists);
        }
        return exists;
    }

    private static boolean readUserExists(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                if (line.startsWith(user + ":")) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
