package dev.vigil.healthchecker.spec;

/** TCP_CHECK: connect only. */
public record TcpCheck(CheckCommon common) implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.TCP_CHECK;
    }
}
