package dev.vigil.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's effective capabilities ({@code CapEff} in {@code /proc/self/status}), for the daemon's start-up
 * self-check: raw and packet sockets need CAP_NET_RAW, addresses/routes/IPVS need CAP_NET_ADMIN.
 */
public record Capabilities(long effective) {
    public static final int CAP_NET_BIND_SERVICE = 10;
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_SYS_ADMIN = 21;

    private static final Path SELF_STATUS = Path.of("/proc/self/status");

    /** Reads this process's capabilities. */
    public static Capabilities current() throws IOException {
        return parse(Files.readString(SELF_STATUS));
    }

    /** Parses the text of a {@code /proc/PID/status} file. */
    public static Capabilities parse(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).trim();
                try {
                    return new Capabilities(Long.parseUnsignedLong(hex, 16));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unreadable CapEff value \"" + hex + "\"", e);
                }
            }
        }
        throw new IllegalArgumentException("no CapEff line in process status");
    }

    public boolean has(int capability) {
        return (effective >>> capability & 1L) != 0;
    }

    public boolean hasNetAdmin() {
        return has(CAP_NET_ADMIN);
    }

    public boolean hasNetRaw() {
        return has(CAP_NET_RAW);
    }

    /** Names of the capabilities Vigil needs but lacks, e.g. {@code ["CAP_NET_RAW"]}; empty when all present. */
    public List<String> missingForVrrp() {
        List<String> missing = new ArrayList<>();
        if (!hasNetAdmin()) {
            missing.add("CAP_NET_ADMIN");
        }
        if (!hasNetRaw()) {
            missing.add("CAP_NET_RAW");
        }
        return List.copyOf(missing);
    }
}
