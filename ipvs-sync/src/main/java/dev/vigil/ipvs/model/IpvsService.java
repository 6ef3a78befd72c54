package dev.vigil.ipvs.model;

import java.util.Objects;

/**
 * An IPVS virtual service as Vigil wants it (or as read from the kernel, minus counters).
 *
 * @param key         identity (protocol/address/port or fwmark)
 * @param scheduler   scheduler name, e.g. "wlc" (at most 15 characters)
 * @param flags       {@link ServiceFlags} bits, never {@link ServiceFlags#HASHED}
 * @param timeout     persistence timeout in seconds (meaningful with {@link ServiceFlags#PERSISTENT})
 * @param granularity persistence granularity as a prefix length (32 / 128 = one client address)
 * @param peName      persistence engine ("sip"), or "" for none
 */
public record IpvsService(ServiceKey key, String scheduler, int flags, int timeout, int granularity, String peName) {
    /** IP_VS_SCHEDNAME_MAXLEN including the NUL. */
    public static final int SCHEDNAME_MAXLEN = 16;

    public IpvsService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        peName = peName == null ? "" : peName;
        if (scheduler.isEmpty() || scheduler.length() >= SCHEDNAME_MAXLEN) {
            throw new IllegalArgumentException("scheduler name must be 1.." + (SCHEDNAME_MAXLEN - 1) + " characters: "
                    + scheduler);
        }
        if ((flags & ServiceFlags.HASHED) != 0) {
            throw new IllegalArgumentException("the HASHED flag belongs to the kernel");
        }
        int maxPrefix = key.family() == ServiceKey.AF_INET6 ? 128 : 32;
        if (granularity < 0 || granularity > maxPrefix) {
            throw new IllegalArgumentException("persistence granularity must be 0.." + maxPrefix + ": " + granularity);
        }
    }

    /** A non-persistent service with full-address granularity. */
    public static IpvsService of(ServiceKey key, String scheduler) {
        return new IpvsService(key, scheduler, 0, 0, fullPrefix(key.family()), "");
    }

    public IpvsService withPersistence(int seconds) {
        return new IpvsService(key, scheduler, flags | ServiceFlags.PERSISTENT, seconds, granularity, peName);
    }

    public IpvsService withGranularity(int prefix) {
        return new IpvsService(key, scheduler, flags, timeout, prefix, peName);
    }

    public IpvsService withFlags(int newFlags) {
        return new IpvsService(key, scheduler, newFlags, timeout, granularity, peName);
    }

    public IpvsService withScheduler(String name) {
        return new IpvsService(key, name, flags, timeout, granularity, peName);
    }

    public IpvsService withKey(ServiceKey newKey) {
        return new IpvsService(newKey, scheduler, flags, timeout, granularity, peName);
    }

    public boolean persistent() {
        return (flags & ServiceFlags.PERSISTENT) != 0;
    }

    public static int fullPrefix(int family) {
        return family == ServiceKey.AF_INET6 ? 128 : 32;
    }
}
