package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a daemon's VRRP counters the keepalived way: SIGUSR2, then the {@code keepalived.stats} file
 * ({@link VrrpNode#statsFile()}: a lab node, Vigil or keepalived, writes it to its own $TMPDIR),
 * so callers still give their instances names unique to the run and only the named instance's block is read. Counters are keyed "Section/Name" for nested
 * lines ("Packet Errors/Length", "Authentication Errors/Invalid Type") and "Name" for top-level ones
 * ("Became master").
 */
public final class VrrpStatsFile {
    private VrrpStatsFile() {
    }

    /** Signals the node and returns the counters of {@code instance} from the file it writes. */
    public static Map<String, Long> read(VrrpNode node, String instance) throws IOException {
        long asked = System.currentTimeMillis();
        node.signal("USR2");
        String header = "VRRP Instance: " + instance + "\n";
        Path file = node.statsFile();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= asked - 1000
                        && Files.readString(file).contains(header));
        return parse(Files.readString(file), instance);
    }

    /** The counters of one instance's block in a stats file's text (empty if the instance is absent). */
    static Map<String, Long> parse(String text, String instance) {
        Map<String, Long> out = new LinkedHashMap<>();
        boolean inBlock = false;
        String section = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("VRRP Instance: ")) {
                inBlock = line.substring("VRRP Instance: ".length()).trim().equals(instance);
                continue;
            }
            int colon = line.indexOf(':');
            if (!inBlock || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            boolean nested = line.startsWith("    ");
            if (value.isEmpty()) {
                section = key;
            } else {
                out.put(nested ? section + "/" + key : key, Long.parseLong(value));
            }
        }
        return out;
    }
}
