package dev.vigil.conf;

import dev.vigil.conf.sections.Keywords;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks the parser, block by block, how it treats every keyword keepalived knows: it loads one configuration
 * per block holding each candidate keyword on its own line and reads the diagnostics. "Recognised but not
 * supported yet" means accepted and ignored, "Unknown keyword" means unknown there, and no such message means
 * the keyword has a handler that parses it into the model.
 */
final class KeywordProbe {
    private KeywordProbe() {
    }

    /** How the parser treats one block's keywords. */
    record Block(Set<String> modelled, Set<String> unsupported) {
    }

    private static final String VS = "virtual_server 192.0.2.1 80 {\n real_server 192.0.2.2 80 {\n";

    /**
     * Every block kind with a keyword table, and a configuration that reaches its body: {@code %s} is replaced
     * by the probe lines.
     */
    static final Map<String, String> WRAPPERS = wrappers();

    private static Map<String, String> wrappers() {
        Map<String, String> w = new LinkedHashMap<>();
        w.put("top level", "%s\n");
        w.put("global_defs", "global_defs {\n%s\n}\n");
        w.put("vrrp_script", "vrrp_script chk {\n script /bin/true\n%s\n}\n");
        w.put("vrrp_track_process", "vrrp_track_process proc {\n%s\n}\n");
        w.put("track_file", "track_file tf {\n%s\n}\n");
        w.put("garp_group", "garp_group {\n%s\n}\n");
        w.put("vrrp_sync_group", "vrrp_sync_group G {\n%s\n}\n");
        w.put("vrrp_instance", "vrrp_instance VI {\n%s\n}\n");
        w.put("authentication", "vrrp_instance VI {\n authentication {\n%s\n }\n}\n");
        w.put("SSL", "SSL {\n%s\n}\n");
        w.put("virtual_server", "virtual_server 192.0.2.1 80 {\n%s\n}\n");
        w.put("real_server", VS + "%s\n }\n}\n");
        for (String kind : new String[] {"TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK",
            "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK"}) {
            w.put(kind, VS + "  " + kind + " {\n%s\n  }\n }\n}\n");
        }
        w.put("url", VS + "  HTTP_GET {\n   url {\n%s\n   }\n  }\n }\n}\n");
        return w;
    }

    /** A keyword no block knows: its "Unknown keyword" proves a wrapper reaches the block body. */
    static final String SENTINEL = "vigil_probe_sentinel";

    /** Every keyword of every table in {@link Keywords}. */
    static Set<String> allKeywords() {
        Set<String> all = new TreeSet<>();
        for (Field f : Keywords.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Set.class.isAssignableFrom(f.getType())) {
                try {
                    for (Object o : (Set<?>) f.get(null)) {
                        all.add((String) o);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all;
    }

    static Block probe(String block) {
        StringBuilder lines = new StringBuilder();
        for (String k : allKeywords()) {
            lines.append(Keywords.BLOCK_KEYWORDS.contains(k) ? k + " {\n}\n" : k + " 1\n");
        }
        lines.append(SENTINEL).append(" 1\n");
        String text = String.format(WRAPPERS.get(block), lines);
        LoadResult r = ConfigLoader.load(Path.of("/nonexistent/probe.conf"), text,
                new LoadOptions("probe", false));
        Set<String> unknown = new TreeSet<>();
        Set<String> unsupported = new TreeSet<>();
        String section = block.equals("top level") ? "the top level" : block;
        for (Diagnostic d : r.diagnostics()) {
            if (d.message().startsWith("Unknown keyword '" + d.token() + "' in " + section)) {
                unknown.add(d.token());
            } else if (d.message().equals("'" + d.token() + "' in " + section
                    + " is recognised but not supported yet - ignored")) {
                unsupported.add(d.token());
            }
        }
        if (!unknown.remove(SENTINEL)) {
            throw new IllegalStateException("the probe of " + block + " does not reach its body: " + r.diagnostics());
        }
        Set<String> modelled = new TreeSet<>(allKeywords());
        modelled.removeAll(unknown);
        modelled.removeAll(unsupported);
        return new Block(modelled, unsupported);
    }
}
