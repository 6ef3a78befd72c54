package dev.vigil.linux.testing;

import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace for kernel tests, named uniquely per JVM ({@code vgll<pid><n>}) so tests of
 * other modules running at the same time never collide. Closing deletes it (and the veths inside it).
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PREFIX = "vgll" + (ProcessHandle.current().pid() % 10000) + "n";
    /** Namespaces not yet deleted; a shutdown hook removes them if the JVM is stopped mid-test. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                try {
                    run("ip", "netns", "del", name);
                } catch (IOException ignored) {
                    // best effort while the JVM exits
                }
            }
        }, "netns-cleanup"));
    }

    private final String name;
    private NetNamespace entered;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with loopback up. */
    public static Netns create() throws IOException {
        Netns ns = new Netns(PREFIX + COUNTER.incrementAndGet());
        run("ip", "netns", "add", ns.name);
        LIVE.add(ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** A name unique to this JVM for interfaces (≤ 15 chars). */
    public static String uniqueIfName(String suffix) {
        String n = "vl" + (ProcessHandle.current().pid() % 10000) + COUNTER.incrementAndGet() + suffix;
        if (n.length() > 15) {
            throw new IllegalArgumentException("interface name too long: " + n);
        }
        return n;
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

    /** Runs {@code ip -n NAME args...}; returns stdout, throws with stderr on failure. */
    public String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs a command inside the namespace ({@code ip netns exec}). */
    public String exec(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Starts a long-running command inside the namespace (e.g. tcpdump). */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    public static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (entered != null) {
            entered.close();
            entered = null;
        }
        run("ip", "netns", "del", name);
        LIVE.remove(name);
    }
}
