package dev.vigil.daemon.it;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@code bad_adverts.py} (python3-scapy) in a lab host: every malformed advert of the UNH-IOL receive-validation
 * group plus random garbage, round-robin at a given rate, multicast to 224.0.0.18 from the host's eth0.
 */
final class BadAdvertFlood {
    static final String PYTHON = "/usr/bin/python3"; // Debian's, which has python3-scapy

    private BadAdvertFlood() {
    }

    /** Sent packets per kind, and how long sending took. */
    record Sent(Map<String, Integer> perKind, int total, double seconds) {
        int of(String... kinds) {
            int n = 0;
            for (String k : kinds) {
                n += perKind.getOrDefault(k, 0);
            }
            return n;
        }
    }

    /** Whether Debian's python3 can import scapy. */
    static boolean hasScapy() {
        return NetLab.ExecResult.run(java.util.List.of(PYTHON, "-c", "import scapy.layers.vrrp"), 60).exitCode() == 0;
    }

    static Sent run(NetHost sender, int vrid, String password, String vip, int rate, int seconds) throws IOException {
        NetLab.ExecResult r = sender.exec(PYTHON, script().toString(), "--iface", "eth0", "--src", sender.ip(),
                "--vrid", Integer.toString(vrid), "--password", password, "--vip", vip,
                "--rate", Integer.toString(rate), "--seconds", Integer.toString(seconds));
        if (r.exitCode() != 0) {
            throw new IOException("bad_adverts.py failed (" + r.exitCode() + "):\n" + r.output());
        }
        Map<String, Integer> perKind = new LinkedHashMap<>();
        int total = -1;
        double elapsed = -1;
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("sent")) {
                perKind.put(f[1], Integer.parseInt(f[2]));
            } else if (f.length == 4 && f[0].equals("total")) {
                total = Integer.parseInt(f[1]);
                elapsed = Double.parseDouble(f[3]);
            }
        }
        if (total < 0) {
            throw new IOException("bad_adverts.py printed no summary:\n" + r.output());
        }
        return new Sent(perKind, total, elapsed);
    }

    private static Path script() throws IOException {
        try {
            return Path.of(BadAdvertFlood.class.getResource("bad_adverts.py").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("bad_adverts.py is not on the test class path", e);
        }
    }
}
