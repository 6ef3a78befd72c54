package dev.vigil.linux.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short command ({@code ip}, {@code sysctl}, {@code tcpdump -r}) to completion and captures what it printed:
 * for the lab and the test fixtures, never for scripts from keepalived.conf ({@link ScriptRunner} runs those). Its
 * output is read on a thread of its own, so neither a chatty command (a full pipe) nor a hung one (a pipe never
 * closed) can hold the caller past the timeout.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    /** A finished command: its exit code (-1 when it could not run or timed out) and its output. */
    public record Result(int exitCode, String output) {
        /** True for exit code 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code cmd} with stderr merged into the output; never throws: a command that cannot start, outlives
     * {@code timeout} (it and its children are then killed), leaves its output open past {@code timeout} or is
     * interrupted is a result with exit code -1 and the reason as its output.
     */
    public static Result run(List<String> cmd, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                ProcessStopper.kill(p);
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", cmd));
            }
            // a child left in the background may hold the pipe open after the command has exited (whether the JDK
            // cuts it off at the exit depends on a race with the reading thread): wait no longer than the timeout
            String output = out.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Result(p.exitValue(), output);
        } catch (TimeoutException e) {
            return new Result(-1, "output still open after " + timeout + " (a child of the command holds it): "
                    + String.join(" ", cmd));
        } catch (ExecutionException e) {
            return new Result(-1, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessStopper.kill(p);
            return new Result(-1, e.toString());
        }
    }

    /** Reads {@code in} to its end on a daemon thread of its own; the future holds the text (UTF-8). */
    public static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread reader = new Thread(task, "command-output");
            reader.setDaemon(true);
            reader.start();
        });
    }
}
