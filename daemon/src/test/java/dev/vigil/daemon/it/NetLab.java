package dev.vigil.daemon.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network of Linux network namespaces for integration tests: one "switch" namespace holding a bridge, and
 * hosts each joined to it by a veth pair whose inside end is {@code eth0}. Every namespace name starts with a prefix
 * unique to this lab, so concurrent runs never collide, and {@link #close()} removes everything (processes first),
 * also when the test failed. Traffic never leaves these namespaces.
 */
public final class NetLab implements AutoCloseable {
    private final String prefix;
    private final String switchNs;
    private final Path workDir;
    private final List<NetHost> hosts = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NetLab(String prefix) throws IOException {
        this.prefix = prefix;
        this.switchNs = prefix + "sw";
        this.workDir = Files.createTempDirectory("vigil-lab-" + prefix);
    }

    /** Creates the switch namespace. {@code tag} is a short (≤ 4 chars) name for the test; a per-process suffix is added. */
    public static NetLab create(String tag) throws IOException {
        String prefix = "v" + tag + (ProcessHandle.current().pid() % 1000);
        NetLab lab = new NetLab(prefix);
        try {
            lab.sh("ip", "netns", "add", lab.switchNs);
            lab.sh("ip", "-n", lab.switchNs, "link", "add", "br0", "type", "bridge");
            lab.sh("ip", "-n", lab.switchNs, "link", "set", "br0", "up");
            lab.sh("ip", "-n", lab.switchNs, "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Adds a host namespace with {@code eth0} addressed {@code cidr} (e.g. 10.99.0.1/24) and plugged into the bridge. */
    public NetHost addHost(String name, String cidr) throws IOException {
        String ns = prefix + name;
        String outside = ns + "v";
        if (outside.length() > 15) {
            throw new IllegalArgumentException("interface name too long: " + outside);
        }
        sh("ip", "netns", "add", ns);
        NetHost host = new NetHost(this, name, ns, cidr);
        hosts.add(host);
        sh("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
        sh("ip", "link", "set", outside, "netns", switchNs);
        sh("ip", "-n", switchNs, "link", "set", outside, "master", "br0", "up");
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        sh("ip", "-n", ns, "link", "set", "eth0", "up");
        return host;
    }

    public Path workDir() {
        return workDir;
    }

    /** The bridge-side end of a host's cable, for simulating a pulled cable from the switch side. */
    String switchPort(NetHost host) {
        return host.namespace() + "v";
    }

    String switchNamespace() {
        return switchNs;
    }

    /** Starts a long-running process; it is killed (whole process tree) when the lab closes. */
    Process track(Process p) {
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Runs a command to completion; throws with its output when it fails. */
    String sh(String... cmd) throws IOException {
        ExecResult r = ExecResult.run(List.of(cmd), 30);
        if (r.exitCode() != 0) {
            throw new IOException("command failed (" + r.exitCode() + "): " + String.join(" ", cmd) + "\n" + r.output());
        }
        return r.output();
    }

    @Override
    public void close() {
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
        for (NetHost h : hosts) {
            killAllIn(h.namespace());
            ExecResult.run(List.of("ip", "netns", "del", h.namespace()), 10);
        }
        ExecResult.run(List.of("ip", "netns", "del", switchNs), 10);
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }

    /** Kills any process still living in a namespace (e.g. a daemon that outlived its launcher). */
    private static void killAllIn(String ns) {
        ExecResult pids = ExecResult.run(List.of("ip", "netns", "pids", ns), 10);
        for (String pid : pids.output().split("\\s+")) {
            if (!pid.isBlank()) {
                ExecResult.run(List.of("kill", "-9", pid.trim()), 5);
            }
        }
    }

    /** The finished result of a command. */
    record ExecResult(int exitCode, String output) {
        static ExecResult run(List<String> cmd, int timeoutSeconds) {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new ExecResult(-1, "timed out: " + String.join(" ", cmd));
                }
                return new ExecResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new ExecResult(-1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ExecResult(-1, e.toString());
            }
        }
    }
}
