package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import dev.vigil.healthchecker.spec.FileCheck;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

/**
 * FILE_CHECK: reads the tracked file's integer (a missing or unparsable file counts as 0, as keepalived's track
 * files do). Weight 0: non-zero means down (zero with reverse). Otherwise value × weight (negated with reverse)
 * adjusts the real server's weight, and -254 or less means down.
 */
public final class FileProbe implements Probe {

    static final int WEIGHT_FAULT = -254;
    private static final int MAX_BYTES = 64;

    private final FileCheck spec;

    public FileProbe(FileCheck spec) {
        this.spec = spec;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        return CompletableFuture.completedFuture(judge(readValue()));
    }

    long readValue() {
        try (var in = Files.newInputStream(spec.file())) {
            String text = new String(in.readNBytes(MAX_BYTES), java.nio.charset.StandardCharsets.US_ASCII).trim();
            int end = 0;
            while (end < text.length() && (Character.isDigit(text.charAt(end)) || (end == 0 && text.charAt(0) == '-'))) {
                end++;
            }
            return end == 0 || (end == 1 && text.charAt(0) == '-') ? 0 : Long.parseLong(text.substring(0, end));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    CheckResult judge(long value) {
        String detail = "track file " + spec.trackFileName() + " value " + value;
        if (spec.weight() == 0) {
            boolean down = spec.reverse() ? value == 0 : value != 0;
            return down ? CheckResult.down(detail) : new CheckResult(true, detail, 0);
        }
        long delta = value * spec.weight() * (spec.reverse() ? -1 : 1);
        if (delta <= WEIGHT_FAULT) {
            return CheckResult.down(detail);
        }
        return new CheckResult(true, detail, (int) Math.min(delta, 65535));
    }
}
