package dev.vigil.daemon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scale topology: a director namespace with four interfaces {@code eth0..eth3} (10.77.k.1/24), each a veth pair
 * whose other end ({@code p0..p3}, 10.77.k.2/24) lives in a peer namespace, where the adverts are captured. Names
 * carry this JVM's pid so concurrent runs never collide; {@link #close()} kills what runs inside and deletes both.
 */
final class ScaleLab implements AutoCloseable {
    static final int INTERFACES = 4;
    final String node;
    final String peer;
    final Path dir;

    private ScaleLab(String prefix, Path dir) {
        this.node = prefix + "n";
        this.peer = prefix + "p";
        this.dir = dir;
    }

    static ScaleLab create(String tag) throws IOException {
        String prefix = "vb" + tag + (ProcessHandle.current().pid() % 1000);
        ScaleLab lab = new ScaleLab(prefix, Files.createTempDirectory("vigil-bench-" + prefix));
        try {
            sh("ip", "netns", "add", lab.node);
            sh("ip", "netns", "add", lab.peer);
            for (String ns : List.of(lab.node, lab.peer)) {
                sh("ip", "-n", ns, "link", "set", "lo", "up");
            }
            for (int k = 0; k < INTERFACES; k++) {
                sh("ip", "-n", lab.node, "link", "add", "eth" + k, "type", "veth", "peer", "name", "p" + k,
                        "netns", lab.peer);
                sh("ip", "-n", lab.node, "addr", "add", "10.77." + k + ".1/24", "dev", "eth" + k);
                sh("ip", "-n", lab.peer, "addr", "add", "10.77." + k + ".2/24", "dev", "p" + k);
                sh("ip", "-n", lab.node, "link", "set", "eth" + k, "up");
                sh("ip", "-n", lab.peer, "link", "set", "p" + k, "up");
            }
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /**
     * keepalived.conf with {@code n} MASTER instances spread over the four interfaces (instance i: interface i mod 4,
     * VRID i / 4 + 1, so 1,000 instances are VRIDs 1..250 on each), advert_int 1, PASS auth, one /32 VIP each.
     */
    static String config(int n, int priority) {
        StringBuilder c = new StringBuilder("global_defs {\n  router_id SCALE\n}\n");
        for (int i = 0; i < n; i++) {
            int k = i % INTERFACES;
            int vrid = i / INTERFACES + 1;
            c.append("vrrp_instance VI_").append(k).append('_').append(vrid).append(" {\n")
                    .append("  state MASTER\n  interface eth").append(k).append('\n')
                    .append("  virtual_router_id ").append(vrid).append('\n')
                    .append("  priority ").append(priority).append("\n  advert_int 1\n")
                    .append("  authentication {\n    auth_type PASS\n    auth_pass bench\n  }\n")
                    .append("  virtual_ipaddress {\n    10.").append(80 + k).append(".0.").append(vrid).append("/32\n  }\n")
                    .append("}\n");
        }
        return c.toString();
    }

    /** Runs a command to completion; throws with its output when it fails. */
    static String sh(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("command failed: " + String.join(" ", cmd) + "\n" + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        for (String ns : List.of(node, peer)) {
            try {
                for (String pid : sh("ip", "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isBlank()) {
                        new ProcessBuilder("kill", "-9", pid.trim()).start().waitFor();
                    }
                }
            } catch (IOException e) {
                // namespace never created
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                sh("ip", "netns", "del", ns);
            } catch (IOException ignored) {
                // never created
            }
        }
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(files::add);
        } catch (IOException ignored) {
            // best effort
        }
        files.stream().sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
}
