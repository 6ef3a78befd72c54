package dev.vigil.healthchecker.spec;

/** SMTP_CHECK: banner 220, HELO → 250, QUIT. {@code heloName} null means the local host name. */
public record SmtpCheck(CheckCommon common, String heloName) implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.SMTP_CHECK;
    }
}
