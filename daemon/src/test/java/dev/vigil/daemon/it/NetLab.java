package dev.vigil.daemon.it;

import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.testing.Dirs;
import dev.vigil.linux.testing.Exec;
import dev.vigil.linux.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway network of Linux network namespaces for integration tests: one "switch" namespace holding a bridge, and
 * hosts each joined to it by a veth pair whose inside end is {@code eth0}. Built on the shared {@link Netns} fixture:
 * every namespace name is unique to this JVM, so concurrent runs never collide, and {@link #close()} removes
 * everything (processes first), also when the test failed. Traffic never leaves these namespaces.
 */
public final class NetLab implements AutoCloseable {
    private final String tag;
    private final Netns switchNs;
    private final Path workDir;
    private final List<NetHost> hosts = new ArrayList<>();

    private NetLab(String tag, Netns switchNs, Path workDir) {
        this.tag = tag;
        this.switchNs = switchNs;
        this.workDir = workDir;
    }

    /** Creates the switch namespace. {@code tag} is a short (≤ 4 chars) name for the test; a per-process suffix is added. */
    public static NetLab create(String tag) throws IOException {
        Netns switchNs = Netns.create(tag + "sw");
        try {
            switchNs.bridge("br0");
            return new NetLab(tag, switchNs, Files.createTempDirectory("vigil-lab-" + tag));
        } catch (IOException | RuntimeException e) {
            switchNs.close();
            throw e;
        }
    }

    /** Adds a host namespace with {@code eth0} addressed {@code cidr} (e.g. 10.99.0.1/24) and plugged into the bridge. */
    public NetHost addHost(String name, String cidr) throws IOException {
        Netns ns = Netns.create(tag + name);
        NetHost host = new NetHost(this, name, ns, cidr);
        hosts.add(host);
        String port = switchPort(host);
        switchNs.veth(port, ns, "eth0");
        switchNs.plug(port, "br0");
        ns.address("eth0", cidr);
        return host;
    }

    public Path workDir() {
        return workDir;
    }

    /** The bridge-side end of a host's cable, for simulating a pulled cable from the switch side. */
    String switchPort(NetHost host) {
        String port = "p-" + host.name();
        if (port.length() > 15) {
            throw new IllegalArgumentException("host name too long for an interface name: " + host.name());
        }
        return port;
    }

    /** Plugs a host's cable back into the switch, or pulls it out (its eth0 loses carrier). */
    void setSwitchPort(NetHost host, boolean up) throws IOException {
        switchNs.setLink(switchPort(host), up);
    }

    /** Kills every process of the lab, deletes its namespaces and its work directory; carries on past failures. */
    @Override
    public void close() {
        for (NetHost h : hosts) {
            closeQuietly(h.netns());
        }
        closeQuietly(switchNs);
        try {
            Dirs.deleteTree(workDir);
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }

    private static void closeQuietly(Netns ns) {
        try {
            ns.close();
        } catch (IOException e) {
            System.err.println("lab cleanup: " + e.getMessage());
        }
    }

    /** The finished result of a command (the shared {@link CommandRunner.Result}, kept under this name for the lab tests). */
    record ExecResult(int exitCode, String output) {
        static ExecResult run(List<String> cmd, int timeoutSeconds) {
            return of(Exec.run(cmd, Duration.ofSeconds(timeoutSeconds)));
        }

        static ExecResult of(CommandRunner.Result r) {
            return new ExecResult(r.exitCode(), r.output());
        }
    }
}
