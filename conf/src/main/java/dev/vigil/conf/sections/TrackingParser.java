package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.intOr;
import static dev.vigil.conf.sections.Values.or;

import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackProcess;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What VRRP instances track: vrrp_script, track_file and vrrp_track_process (vrrp/vrrp_parser.c, trackers/). */
final class TrackingParser {
    private static final Section SCRIPT = new Section("vrrp_script", Keywords.VRRP_SCRIPT)
            .values("script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail");
    private static final Section TRACK_FILE = new Section("track_file", Keywords.TRACK_FILE)
            .values("file", "weight", "init_file");
    private static final Section TRACK_PROCESS = new Section("vrrp_track_process", Keywords.VRRP_TRACK_PROCESS)
            .values("process", "param_match", "weight", "quorum", "quorum_max", "delay", "terminate_delay",
                    "fork_delay", "full_command");

    private final Ctx ctx;
    private final Values v;

    TrackingParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    private static final class ScriptDraft {
        String name;
        String script;
        Token scriptToken;
        Duration interval = Duration.ofSeconds(1);
        Duration timeout;
        int weight;
        boolean reverse;
        int rise = 1;
        int fall = 1;
        String user;
        String group;
        boolean initFail;
    }

    VrrpScript script(Node n) {
        ScriptDraft d = new ScriptDraft();
        d.name = n.argText(0);
        for (Node c : n.children()) {
            if (SCRIPT.accepts(c, ctx)) {
                scriptKeyword(c, d);
            }
        }
        if (d.script == null) {
            ctx.reporter().error(n.arg(0) != null ? n.arg(0) : n.keyword(),
                    "No script set for vrrp_script " + d.name + " - removing");
            return null;
        }
        return v.origin(new VrrpScript(d.name, d.script, d.interval, d.timeout != null ? d.timeout : d.interval,
                d.weight, d.reverse, d.rise, d.fall, d.user, d.group, d.initFail), d.scriptToken);
    }

    private void scriptKeyword(Node n, ScriptDraft d) {
        switch (n.name()) {
            case "script" -> {
                d.script = v.word(n, 0);
                d.scriptToken = n.arg(0);
            }
            case "interval" -> d.interval = or(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), d.interval);
            case "timeout" -> d.timeout = or(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), d.timeout);
            case "weight" -> {
                d.weight = or(scriptWeight(n, d.name), d.weight);
                d.reverse = weightReverse(n, "vrrp_script " + d.name);
            }
            case "rise" -> d.rise = intOr(v.integer(n, 0, 1, Integer.MAX_VALUE), d.rise);
            case "fall" -> d.fall = intOr(v.integer(n, 0, 1, Integer.MAX_VALUE), d.fall);
            case "user" -> {
                d.user = v.word(n, 0);
                d.group = n.argText(1);
            }
            case "init_fail" -> d.initFail = true;
            default -> throw SCRIPT.unhandled(n);
        }
    }

    TrackFile trackFile(Node n) {
        String name = n.argText(0);
        String file = null;
        int weight = 1;
        boolean reverse = false;
        Integer init = null;
        boolean overwrite = false;
        for (Node c : n.children()) {
            if (TRACK_FILE.accepts(c, ctx)) {
                switch (c.name()) {
                    case "file" -> file = v.word(c, 0);
                    case "weight" -> {
                        weight = intOr(v.integer(c, 0, -254, 254), weight);
                        reverse = weightReverse(c, "track_file " + name);
                    }
                    case "init_file" -> {
                        init = 0;
                        for (Token t : c.args()) {
                            if (t.text().equals("overwrite")) {
                                overwrite = true;
                            } else {
                                init = intOr(v.integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE), init);
                            }
                        }
                    }
                    default -> throw TRACK_FILE.unhandled(c);
                }
            }
        }
        if (file == null) {
            ctx.reporter().error(n.keyword(), "No file set for track_file " + name + " - removing");
            return null;
        }
        return new TrackFile(name, file, weight, reverse, init, overwrite);
    }

    TrackProcess trackProcess(Node n) {
        String name = n.argText(0);
        List<String> process = List.of();
        String paramMatch = null;
        int weight = 0;
        boolean reverse = false;
        int quorum = 1;
        int quorumMax = Integer.MAX_VALUE;
        Duration delay = null;
        Duration terminateDelay = null;
        Duration forkDelay = null;
        boolean fullCommand = false;
        for (Node c : n.children()) {
            if (TRACK_PROCESS.accepts(c, ctx)) {
                switch (c.name()) {
                    case "process" -> {
                        List<String> words = new ArrayList<>();
                        for (Token t : c.args()) {
                            words.add(t.text());
                        }
                        process = List.copyOf(words);
                    }
                    case "param_match" -> paramMatch = v.word(c, 0);
                    case "weight" -> {
                        weight = intOr(v.integer(c, 0, -253, 253), weight);
                        reverse = weightReverse(c, "vrrp_track_process " + name);
                    }
                    case "quorum" -> quorum = intOr(v.integer(c, 0, 1, 65535), quorum);
                    case "quorum_max" -> quorumMax = intOr(v.integer(c, 0, 1, 65535), quorumMax);
                    case "delay" -> delay = or(v.seconds(c, 0, 0, 3600), delay);
                    case "terminate_delay" -> terminateDelay = or(v.seconds(c, 0, 0, 3600), terminateDelay);
                    case "fork_delay" -> forkDelay = or(v.seconds(c, 0, 0, 3600), forkDelay);
                    case "full_command" -> fullCommand = true;
                    default -> throw TRACK_PROCESS.unhandled(c);
                }
            }
        }
        if (process.isEmpty()) {
            ctx.reporter().error(n.keyword(), "vrrp_track_process " + name + " process name not specified");
            return null;
        }
        return new TrackProcess(name, process, paramMatch, weight, reverse, quorum, quorumMax, delay,
                terminateDelay, forkDelay, fullCommand);
    }

    private Integer scriptWeight(Node n, String script) {
        String s = v.word(n, 0);
        if (s == null) {
            return null;
        }
        try {
            int w = Integer.parseInt(s);
            if (w >= -253 && w <= 253) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        ctx.reporter().error(n.arg(0), "vrrp_script " + script + " weight " + s + " must be in [-253, 253]");
        return null;
    }

    private boolean weightReverse(Node n, String owner) {
        if (n.arg(1) == null) {
            return false;
        }
        if (n.argText(1).equals("reverse")) {
            return true;
        }
        ctx.reporter().error(n.arg(1), owner + " unknown weight option " + n.argText(1));
        return false;
    }
}
