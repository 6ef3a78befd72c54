package dev.vigil.healthchecker.spec;

import java.time.Duration;

/**
 * MISC_CHECK.
 *
 * @param miscPath    the script string, as after the config parser removed the outer quotes
 * @param miscTimeout kill the script after this long; {@code null} means delay_loop
 * @param dynamic     misc_dynamic: exit 2..255 sets the real server's weight to exit - 2
 * @param user        user to run as, or {@code null} for the default script user
 * @param group       group, or {@code null}
 */
public record MiscCheck(CheckCommon common, String miscPath, Duration miscTimeout, boolean dynamic, String user,
                        String group) implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.MISC_CHECK;
    }

    public Duration effectiveTimeout() {
        return miscTimeout != null && !miscTimeout.isZero() ? miscTimeout : common.delayLoop();
    }
}
