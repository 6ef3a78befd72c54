package dev.vigil.daemon.it;

import dev.vigil.linux.testing.Netns;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** One host of a {@link NetLab}: a network namespace whose {@code eth0} is plugged into the lab's bridge. */
public final class NetHost {
    private final NetLab lab;
    private final String name;
    private final Netns netns;
    private final String cidr;

    NetHost(NetLab lab, String name, Netns netns, String cidr) {
        this.lab = lab;
        this.name = name;
        this.netns = netns;
        this.cidr = cidr;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return netns.name();
    }

    /** The host's namespace as the shared fixture (for {@link dev.vigil.linux.testing.Keepalived}, Tcpdump ...). */
    public Netns netns() {
        return netns;
    }

    /** The host's own address on eth0, without the prefix length. */
    public String ip() {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** Runs a command inside the namespace to completion and returns its exit code and output. */
    public NetLab.ExecResult exec(String... cmd) {
        return NetLab.ExecResult.of(netns.tryExec(Duration.ofSeconds(60), cmd));
    }

    /** Starts a long-running command inside the namespace, output (stdout+stderr) going to {@code log}. */
    public Process start(Path log, String... cmd) throws IOException {
        return netns.start(log, cmd);
    }

    /** The MAC address of eth0, lower case with colons. */
    public String mac() {
        return exec("cat", "/sys/class/net/eth0/address").output().trim().toLowerCase(Locale.ROOT);
    }

    /** True when {@code address} is configured on any interface of this host. */
    public boolean hasAddress(String address) {
        String out = exec("ip", "-4", "-o", "addr", "show").output();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("inet") && f[i + 1].startsWith(address + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One ICMP echo with a 1 s deadline; true when answered. */
    public boolean ping(String address) {
        return exec("ping", "-c", "1", "-W", "1", "-n", address).exitCode() == 0;
    }

    /** Pulls this host's cable at the switch: its eth0 loses carrier (the peer sees nothing more from it). */
    public void unplug() throws IOException {
        lab.setSwitchPort(this, false);
    }

    public void plug() throws IOException {
        lab.setSwitchPort(this, true);
    }

    /** Sets a link inside the host up or down (e.g. a tracked interface). */
    public void setLink(String ifname, boolean up) throws IOException {
        netns.setLink(ifname, up);
    }

    @Override
    public String toString() {
        return name + "(" + namespace() + ", " + cidr + ")";
    }
}
