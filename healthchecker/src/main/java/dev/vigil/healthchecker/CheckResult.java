package dev.vigil.healthchecker;

/**
 * The outcome of one probe attempt.
 *
 * @param success     the service answered as required
 * @param detail      what happened, in keepalived's words where it has them (logged on failure)
 * @param weightDelta change to the real server's weight requested by the checker (misc_dynamic, FILE_CHECK), or
 *                    {@code null} to keep the previous one
 */
public record CheckResult(boolean success, String detail, Integer weightDelta) {

    public static CheckResult up(String detail) {
        return new CheckResult(true, detail, null);
    }

    public static CheckResult down(String detail) {
        return new CheckResult(false, detail, null);
    }
}
