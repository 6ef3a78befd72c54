package dev.vigil.daemon.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands ({@code ip}, {@code sysctl}) to completion for the lab, capturing their output. */
final class Shell {
    private static final int TIMEOUT_SECONDS = 30;

    private Shell() {
    }

    /** The finished result of a command: exit code (-1 when it could not run or timed out) and its output. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code cmd}; throws with the command line and its output when it fails. */
    static String run(String... cmd) throws IOException {
        Result r = attempt(cmd);
        if (!r.ok()) {
            throw new IOException("command failed (exit " + r.exitCode() + "): " + String.join(" ", cmd)
                    + (r.output().isBlank() ? "" : "\n" + r.output().strip()));
        }
        return r.output();
    }

    /** Runs {@code cmd} and reports how it went, never throwing (cleanup paths use this). */
    static Result attempt(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
