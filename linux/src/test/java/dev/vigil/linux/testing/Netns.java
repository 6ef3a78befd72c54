package dev.vigil.linux.testing;

import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.InterfaceLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace for kernel tests, shared by every module's tests. Names are unique to the JVM
 * ({@code vg<tag>-<pid>-<k>}), so tests of modules running at the same time never collide. Closing kills the
 * processes started in it (and anything else still running inside), then deletes it with its links; a shutdown
 * hook deletes the ones a test left behind when the JVM stops mid-test. Traffic never leaves the namespaces a test
 * wires together.
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();
    /**
     * Namespaces not yet deleted; if the JVM is stopped mid-test (e.g. surefire's timeout), a shutdown hook kills
     * what still runs in them (children outlive the JVM) and deletes them.
     */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                killAllIn(name);
                Exec.run(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
            }
        }, "netns-cleanup"));
    }

    private final String name;
    private final List<Process> processes = new ArrayList<>();
    private final List<NetlinkSocket> sockets = new ArrayList<>();
    private NetNamespace entered;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with loopback up. */
    public static Netns create() throws IOException {
        return create("l");
    }

    /** Creates a namespace with loopback up; {@code tag} (a few letters) says which test made it. */
    public static Netns create(String tag) throws IOException {
        if (!tag.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("tag must be lower-case letters and digits: " + tag);
        }
        Netns ns = new Netns("vg" + tag + "-" + PID + "-" + COUNTER.incrementAndGet());
        CommandRunner.Result added = Exec.run(List.of("ip", "netns", "add", ns.name), Duration.ofSeconds(30));
        if (!added.ok() && added.output().contains("exists")) {
            // left by a dead JVM that had our pid: the dashes make the pid unambiguous, so no live process owns it
            Exec.run(List.of("ip", "netns", "del", ns.name), Duration.ofSeconds(10));
            added = Exec.run(List.of("ip", "netns", "add", ns.name), Duration.ofSeconds(30));
        }
        if (!added.ok()) {
            throw new IOException("ip netns add " + ns.name + ": " + added.output().trim());
        }
        LIVE.add(ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** The namespace entered on a dedicated thread (opened once, closed with this object). */
    public synchronized NetNamespace enter() throws IOException {
        if (entered == null) {
            entered = NetNamespace.open(name);
        }
        return entered;
    }

    /** A NETLINK_ROUTE socket opened inside this namespace; it is closed with the namespace. */
    public synchronized NetlinkSocket routeSocket() throws IOException {
        NetlinkSocket socket = enter().call(() -> NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0));
        sockets.add(socket);
        return socket;
    }

    /** A link of this namespace as rtnetlink reports it (index, MAC, flags). */
    public InterfaceInfo link(String dev) throws IOException {
        return enter().call(() -> {
            try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
                return new InterfaceLookup(route).byName(dev).orElseThrow(() -> new IOException("no link " + dev));
            }
        });
    }

    /** Runs {@code ip -n NAME args...}; returns stdout, throws with stderr on failure. */
    public String ip(String... args) throws IOException {
        return Exec.check(prefixed(List.of("ip", "-n", name), args));
    }

    /** Runs a command inside the namespace ({@code ip netns exec}); returns stdout, throws on failure. */
    public String exec(String... args) throws IOException {
        return Exec.check(prefixed(List.of("ip", "netns", "exec", name), args));
    }

    /** Runs a command inside the namespace and returns how it ended (never throws). */
    public CommandRunner.Result tryExec(Duration timeout, String... args) {
        return Exec.run(List.of(prefixed(List.of("ip", "netns", "exec", name), args)), timeout);
    }

    /**
     * Starts a long-running command inside the namespace with stdout and stderr going to {@code log}. The process is
     * killed (with its children) when this namespace closes.
     */
    public Process start(Path log, String... args) throws IOException {
        Process p = new ProcessBuilder(prefixed(List.of("ip", "netns", "exec", name), args))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** A veth pair with both ends in this namespace, both up. */
    public void veth(String name, String peerName) throws IOException {
        ip("link", "add", name, "type", "veth", "peer", "name", peerName);
        up(name);
        up(peerName);
    }

    /** A veth pair from {@code name} here to {@code peerName} in {@code peer}: a cable between two hosts, both ends up. */
    public void veth(String name, Netns peer, String peerName) throws IOException {
        ip("link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peer.name());
        up(name);
        peer.up(peerName);
    }

    /** A bridge (a switch for the veths plugged into it with {@link #plug}), up. */
    public void bridge(String name) throws IOException {
        ip("link", "add", name, "type", "bridge");
        up(name);
    }

    /** Makes {@code port} a port of {@code bridge}. */
    public void plug(String port, String bridge) throws IOException {
        ip("link", "set", port, "master", bridge);
    }

    /** Adds {@code cidr} (e.g. 10.99.0.1/24) to {@code dev}. */
    public void address(String dev, String cidr) throws IOException {
        ip("addr", "add", cidr, "dev", dev);
    }

    public void up(String dev) throws IOException {
        setLink(dev, true);
    }

    public void setLink(String dev, boolean up) throws IOException {
        ip("link", "set", dev, up ? "up" : "down");
    }

    /**
     * Kills what was started here and anything else still running inside, closes the sockets opened here, then
     * deletes the namespace.
     */
    @Override
    public synchronized void close() throws IOException {
        killProcesses();
        sockets.forEach(NetlinkSocket::close);
        sockets.clear();
        if (entered != null) {
            entered.close();
            entered = null;
        }
        CommandRunner.Result deleted = Exec.run(List.of("ip", "netns", "del", name), Duration.ofSeconds(30));
        LIVE.remove(name);
        if (!deleted.ok()) {
            throw new IOException("ip netns del " + name + ": " + deleted.output().trim());
        }
    }

    private void killProcesses() {
        synchronized (processes) {
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            for (Process p : processes) {
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            processes.clear();
        }
        killAllIn(name);
    }

    /** Kills whatever runs in namespace {@code name} (e.g. a daemon that outlived its launcher). */
    private static void killAllIn(String name) {
        // PIDs are shared between namespaces: never kill by process name, only what the kernel says is in ours
        String pids = Exec.run(List.of("ip", "netns", "pids", name), Duration.ofSeconds(10)).output();
        for (String pid : pids.split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String[] prefixed(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return name;
    }
}
