package dev.vigil.healthchecker.spec;

/** PING_CHECK: ICMP echo. */
public record PingCheck(CheckCommon common) implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.PING_CHECK;
    }
}
