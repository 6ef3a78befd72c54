package dev.vigil.daemon.lab;

import dev.vigil.linux.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs short commands ({@code ip}, {@code sysctl}) to completion for the lab, capturing their output. */
final class Shell {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Shell() {
    }

    /** Runs {@code cmd}; throws with the command line and its output when it fails. */
    static String run(String... cmd) throws IOException {
        CommandRunner.Result r = attempt(cmd);
        if (!r.ok()) {
            throw new IOException("command failed (exit " + r.exitCode() + "): " + String.join(" ", cmd)
                    + (r.output().isBlank() ? "" : "\n" + r.output().strip()));
        }
        return r.output();
    }

    /** Runs {@code cmd} and reports how it went, never throwing (cleanup paths use this). */
    static CommandRunner.Result attempt(String... cmd) {
        return CommandRunner.run(List.of(cmd), TIMEOUT);
    }
}
