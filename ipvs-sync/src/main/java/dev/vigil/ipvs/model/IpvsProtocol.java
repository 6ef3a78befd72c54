package dev.vigil.ipvs.model;

/** Transport protocol of an IPVS service (IPPROTO_* numbers as the kernel uses them). */
public enum IpvsProtocol {
    TCP(6), UDP(17), SCTP(132);

    private final int number;

    IpvsProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Lower-case name as keepalived prints it in "[addr]:tcp:80". */
    public String keepalivedName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static IpvsProtocol fromNumber(int number) {
        for (IpvsProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown IPVS protocol " + number);
    }
}
