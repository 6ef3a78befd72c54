package dev.vigil.ipvs.model;

/** IP_VS_SVC_F_* bits of {@code struct ip_vs_flags} (include/uapi/linux/ip_vs.h). */
public final class ServiceFlags {
    public static final int PERSISTENT = 0x1;
    /** Set by the kernel on every hashed service; never sent, stripped when read. */
    public static final int HASHED = 0x2;
    public static final int ONEPACKET = 0x4;
    public static final int SCHED1 = 0x8;
    public static final int SCHED2 = 0x10;
    public static final int SCHED3 = 0x20;

    private ServiceFlags() {
    }
}
