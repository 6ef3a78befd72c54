package dev.vigil.daemon.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where and how keepalived writes its signal dumps: {@code keepalived.data} (SIGUSR1) and {@code keepalived.stats}
 * (SIGUSR2) in $TMPDIR when that is an absolute path, else /tmp; mode 0600. Each file is written beside its target
 * and renamed over it, so a reader never sees half a dump and a planted symlink at the target is replaced, not
 * followed.
 */
public final class DumpFiles {
    public static final String DATA_FILE = "keepalived.data";
    public static final String STATS_FILE = "keepalived.stats";

    private final Path directory;

    public DumpFiles(Path directory) {
        this.directory = directory;
    }

    /** keepalived's choice of directory for {@code env} (the process environment). */
    public static DumpFiles fromEnvironment(Map<String, String> env) {
        String tmp = env.get("TMPDIR");
        return new DumpFiles(tmp != null && tmp.startsWith("/") ? Path.of(tmp) : Path.of("/tmp"));
    }

    public Path data() {
        return directory.resolve(DATA_FILE);
    }

    public Path stats() {
        return directory.resolve(STATS_FILE);
    }

    /** Writes {@code text} to {@code target} with mode 0600, replacing it atomically. */
    public static void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
