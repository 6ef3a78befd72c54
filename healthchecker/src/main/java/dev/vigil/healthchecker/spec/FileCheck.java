package dev.vigil.healthchecker.spec;

import java.nio.file.Path;

/**
 * FILE_CHECK on a track_file: the file holds an integer. With weight 0 a non-zero value means down (zero with
 * reverse); otherwise value × weight (negated with reverse) is added to the real server's weight, and a result of
 * -254 or less means down.
 */
public record FileCheck(CheckCommon common, String trackFileName, Path file, int weight, boolean reverse)
        implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.FILE_CHECK;
    }
}
