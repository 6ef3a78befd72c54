package dev.vigil.linux.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes test scripts with given permissions. */
final class ScriptFiles {
    private ScriptFiles() {
    }

    static Path write(Path dir, String name, String content, String perms) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    static Path shell(Path dir, String name, String body) throws IOException {
        return write(dir, name, "#!/bin/sh\n" + body + "\n", "rwxr-xr-x");
    }
}
