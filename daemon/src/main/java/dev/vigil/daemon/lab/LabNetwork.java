package dev.vigil.daemon.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's wires: a "switch" namespace holding a bridge, and one namespace per host joined to it by a veth pair
 * (the host's end is {@code eth0}). Every name starts with {@code vlab<pid>-}, so two labs never collide and a lab
 * whose process is gone can be recognised and removed. Nothing is created in the caller's own namespace: the veth
 * pairs are born directly inside the switch and host namespaces.
 */
final class LabNetwork implements AutoCloseable {
    /** Every lab namespace is named {@code vlab<pid>-<host>}. */
    static final String NAME_PREFIX = "vlab";
    /** Every lab address is in one /24. */
    static final String PREFIX_LENGTH_SUFFIX = "/24";
    private static final Pattern LAB_NAMESPACE = Pattern.compile("^(" + NAME_PREFIX + "(\\d+)-\\S+)");

    private final String prefix;
    private final String switchNamespace;
    private final List<LabHost> hosts = Collections.synchronizedList(new ArrayList<>());

    private LabNetwork(String prefix) {
        this.prefix = prefix;
        this.switchNamespace = prefix + "sw";
    }

    /** Creates the switch namespace and its bridge for the lab of process {@code pid}. */
    static LabNetwork create(long pid) throws IOException {
        LabNetwork net = new LabNetwork(NAME_PREFIX + pid + "-");
        try {
            Shell.run("ip", "netns", "add", net.switchNamespace);
            Shell.run("ip", "-n", net.switchNamespace, "link", "add", "br0", "type", "bridge");
            Shell.run("ip", "-n", net.switchNamespace, "link", "set", "br0", "up");
        } catch (IOException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** Adds host {@code name} (a short word: it also names its switch port) with address {@code ip}/24. */
    LabHost addHost(String name, String ip) throws IOException {
        String ns = prefix + name;
        Shell.run("ip", "netns", "add", ns);
        // registered before it is complete, so close() removes a half-built host too
        LabHost partial = new LabHost(name, ns, ip, "", name);
        hosts.add(partial);
        Shell.run("ip", "-n", switchNamespace, "link", "add", name, "type", "veth", "peer", "name", "eth0",
                "netns", ns);
        Shell.run("ip", "-n", switchNamespace, "link", "set", name, "master", "br0", "up");
        Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
        Shell.run("ip", "-n", ns, "addr", "add", ip + PREFIX_LENGTH_SUFFIX, "dev", "eth0");
        Shell.run("ip", "-n", ns, "link", "set", "eth0", "up");
        LabHost host = new LabHost(name, ns, ip, mac(ns), name);
        hosts.set(hosts.indexOf(partial), host);
        return host;
    }

    /** Pulls the host's cable at the switch: nothing it sends reaches the others any more. */
    void unplug(LabHost host) throws IOException {
        Shell.run("ip", "-n", switchNamespace, "link", "set", host.port(), "down");
    }

    /** Runs a command inside the host's namespace; throws when it fails. */
    static String exec(LabHost host, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        full.addAll(List.of(cmd));
        return Shell.run(full.toArray(String[]::new));
    }

    /** Every namespace of this lab, the switch first. */
    List<String> namespaces() {
        List<String> all = new ArrayList<>();
        all.add(switchNamespace);
        synchronized (hosts) {
            hosts.forEach(h -> all.add(h.namespace()));
        }
        return all;
    }

    /** Kills whatever still runs inside the lab's namespaces and deletes them (the veths and bridge go with them). */
    @Override
    public void close() {
        List<String> all = namespaces();
        Collections.reverse(all);
        all.forEach(LabNetwork::remove);
    }

    /**
     * Removes the namespaces of labs whose process is gone (a lab killed with SIGKILL cannot clean up after itself).
     * A lab whose pid is alive is left alone: it may be another lab running right now.
     *
     * @return the namespaces removed
     */
    static List<String> removeStale(LongPredicate processAlive) {
        Set<String> stale = new LinkedHashSet<>();
        for (String line : Shell.attempt("ip", "netns", "list").output().split("\n")) {
            Matcher m = LAB_NAMESPACE.matcher(line.strip());
            if (m.find() && !processAlive.test(Long.parseLong(m.group(2)))) {
                stale.add(m.group(1));
            }
        }
        stale.forEach(LabNetwork::remove);
        return List.copyOf(stale);
    }

    /** The names of all lab namespaces that exist now (any lab's). */
    static List<String> existingLabNamespaces() {
        List<String> found = new ArrayList<>();
        for (String line : Shell.attempt("ip", "netns", "list").output().split("\n")) {
            Matcher m = LAB_NAMESPACE.matcher(line.strip());
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static void remove(String ns) {
        for (String pid : Shell.attempt("ip", "netns", "pids", ns).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Shell.attempt("ip", "netns", "del", ns);
    }

    private static String mac(String ns) throws IOException {
        String out = Shell.run("ip", "-n", ns, "-o", "link", "show", "eth0");
        Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(out);
        if (!m.find()) {
            throw new IOException("no MAC address for eth0 in " + ns + ": " + out.strip());
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }
}
