package dev.vigil.healthchecker.spec;

/** DNS_CHECK: query {@code name} (default ".") for {@code type} (default SOA); up on a NOERROR answer. */
public record DnsCheck(CheckCommon common, String type, String name) implements CheckerSpec {
    public DnsCheck {
        type = type == null ? "SOA" : type;
        name = name == null ? "." : name;
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.DNS_CHECK;
    }
}
