package dev.vigil.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A pid file as keepalived writes it ({@code "<pid>\n"}, mode 0644), replaced atomically. Writing refuses when the
 * file names another live process; a stale file (dead pid, garbage) is replaced. Removal only deletes a file that
 * still holds our pid.
 */
public final class PidFile {
    /** 0644, as keepalived's pid files: monitoring tools read them without privileges. */
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Thrown when the pid file names a running process. */
    public static final class AlreadyRunningException extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunningException(Path path, long pid) {
            super("daemon is already running (pid " + pid + " in " + path + ")");
        }
    }

    /** Writes this process's pid to {@code path}, creating its directory if needed. */
    public static PidFile write(Path path) throws IOException, AlreadyRunningException {
        long self = ProcessHandle.current().pid();
        OptionalLong existing = read(path);
        if (existing.isPresent() && existing.getAsLong() != self
                && ProcessHandle.of(existing.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AlreadyRunningException(path, existing.getAsLong());
        }
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, self + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tmp, MODE); // createTempFile makes 0600; keepalived's are world-readable
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new PidFile(path, self);
    }

    /** The pid stored in {@code path}, if the file exists and holds a number. */
    public static OptionalLong read(Path path) throws IOException {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the file if it still holds our pid (another instance may have replaced it). */
    public void remove() throws IOException {
        if (read(path).equals(OptionalLong.of(pid))) {
            Files.deleteIfExists(path);
        }
    }
}
