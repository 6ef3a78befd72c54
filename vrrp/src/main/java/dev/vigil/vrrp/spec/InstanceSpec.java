package dev.vigil.vrrp.spec;

import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything the protocol core needs to know about one {@code vrrp_instance}, already defaulted and
 * checked (the daemon maps the conf model onto this). Immutable; build with {@link #builder}.
 *
 * @param sourceAddress    primary IPv4 of the interface, or {@code unicast_src_ip}; used as advert source
 *                         and for the equal-priority tie-break
 * @param excludedVips     {@code virtual_ipaddress_excluded}: added/removed with the VIPs, never advertised
 * @param unicastPeers     empty = multicast mode
 * @param dontTrackPrimary {@code dont_track_primary}: the instance's own interface going down is not a FAULT
 */
public record InstanceSpec(String name, int vrid, int priority, boolean wantMaster, int adverIntSeconds,
                           AuthType authType, byte[] authData, List<Inet4Address> vips,
                           List<Inet4Address> excludedVips, String interfaceName, Inet4Address sourceAddress,
                           List<UnicastPeer> unicastPeers, boolean checkUnicastSrc, int unicastTtl,
                           boolean nopreempt, Duration preemptDelay, boolean skipCheckAdvAddr,
                           int downTimerAdverts, GarpSettings garp, boolean lowerPrioNoAdvert,
                           boolean higherPrioSendAdvert, List<TrackedObject> tracked, boolean dontTrackPrimary) {

    public InstanceSpec {
        Objects.requireNonNull(name, "name");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255: " + vrid);
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be 1..255: " + priority);
        }
        if (adverIntSeconds < 1 || adverIntSeconds > 255) {
            throw new IllegalArgumentException("advert_int must be 1..255 s: " + adverIntSeconds);
        }
        if (downTimerAdverts < 1 || downTimerAdverts > 100) {
            throw new IllegalArgumentException("down_timer_adverts must be 1..100: " + downTimerAdverts);
        }
        authData = Arrays.copyOf(authData, VrrpWire.AUTH_DATA_LENGTH);
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        unicastPeers = List.copyOf(unicastPeers);
        tracked = List.copyOf(tracked);
        Objects.requireNonNull(sourceAddress, "sourceAddress");
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** Value equality, comparing auth data by content (lets a reload tell changed instances apart). */
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceSpec other && Arrays.equals(authData, other.authData)
                && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(authData) + components().hashCode();
    }

    private List<Object> components() {
        return Arrays.asList(name, vrid, priority, wantMaster, adverIntSeconds, authType, vips, excludedVips,
                interfaceName, sourceAddress, unicastPeers, checkUnicastSrc, unicastTtl, nopreempt, preemptDelay,
                skipCheckAdvAddr, downTimerAdverts, garp, lowerPrioNoAdvert, higherPrioSendAdvert, tracked,
                dontTrackPrimary);
    }

    public boolean isOwner() {
        return priority == VrrpWire.PRIORITY_OWNER;
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String name, int vrid, Inet4Address sourceAddress) {
        return new Builder(name, vrid, sourceAddress);
    }

    /** Mutable builder starting from keepalived's defaults. */
    public static final class Builder {
        private String name;
        private int vrid;
        private int priority = 100;
        private boolean wantMaster;
        private int adverIntSeconds = 1;
        private AuthType authType = AuthType.NONE;
        private byte[] authData = new byte[VrrpWire.AUTH_DATA_LENGTH];
        private List<Inet4Address> vips = List.of();
        private List<Inet4Address> excludedVips = List.of();
        private String interfaceName = "eth0";
        private Inet4Address sourceAddress;
        private List<UnicastPeer> unicastPeers = List.of();
        private boolean checkUnicastSrc;
        private int unicastTtl = VrrpWire.TTL;
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private boolean skipCheckAdvAddr;
        private int downTimerAdverts = 3;
        private GarpSettings garp = GarpSettings.DEFAULTS;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private List<TrackedObject> tracked = List.of();
        private boolean dontTrackPrimary;

        private Builder(String name, int vrid, Inet4Address sourceAddress) {
            this.name = name;
            this.vrid = vrid;
            this.sourceAddress = sourceAddress;
        }

        private Builder(InstanceSpec s) {
            name = s.name; vrid = s.vrid; priority = s.priority; wantMaster = s.wantMaster;
            adverIntSeconds = s.adverIntSeconds; authType = s.authType; authData = s.authData;
            vips = s.vips; excludedVips = s.excludedVips; interfaceName = s.interfaceName;
            sourceAddress = s.sourceAddress; unicastPeers = s.unicastPeers; checkUnicastSrc = s.checkUnicastSrc;
            unicastTtl = s.unicastTtl; nopreempt = s.nopreempt; preemptDelay = s.preemptDelay;
            skipCheckAdvAddr = s.skipCheckAdvAddr; downTimerAdverts = s.downTimerAdverts; garp = s.garp;
            lowerPrioNoAdvert = s.lowerPrioNoAdvert; higherPrioSendAdvert = s.higherPrioSendAdvert;
            tracked = s.tracked; dontTrackPrimary = s.dontTrackPrimary;
        }

        public Builder priority(int v) { priority = v; return this; }
        public Builder wantMaster(boolean v) { wantMaster = v; return this; }
        public Builder adverInt(int seconds) { adverIntSeconds = seconds; return this; }
        public Builder passAuth(String pass) { authType = AuthType.PASS; authData = AuthType.passwordData(pass); return this; }
        public Builder auth(AuthType type, byte[] data) { authType = type; authData = data; return this; }
        public Builder vips(List<Inet4Address> v) { vips = v; return this; }
        public Builder excludedVips(List<Inet4Address> v) { excludedVips = v; return this; }
        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder sourceAddress(Inet4Address v) { sourceAddress = v; return this; }
        public Builder unicastPeers(List<UnicastPeer> v) { unicastPeers = v; return this; }
        public Builder checkUnicastSrc(boolean v) { checkUnicastSrc = v; return this; }
        public Builder unicastTtl(int v) { unicastTtl = v; return this; }
        public Builder nopreempt(boolean v) { nopreempt = v; return this; }
        public Builder preemptDelay(Duration v) { preemptDelay = v; return this; }
        public Builder skipCheckAdvAddr(boolean v) { skipCheckAdvAddr = v; return this; }
        public Builder downTimerAdverts(int v) { downTimerAdverts = v; return this; }
        public Builder garp(GarpSettings v) { garp = v; return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder tracked(List<TrackedObject> v) { tracked = v; return this; }
        public Builder dontTrackPrimary(boolean v) { dontTrackPrimary = v; return this; }

        public InstanceSpec build() {
            return new InstanceSpec(name, vrid, priority, wantMaster, adverIntSeconds, authType, authData, vips,
                    excludedVips, interfaceName, sourceAddress, unicastPeers, checkUnicastSrc, unicastTtl,
                    nopreempt, preemptDelay, skipCheckAdvAddr, downTimerAdverts, garp, lowerPrioNoAdvert,
                    higherPrioSendAdvert, tracked, dontTrackPrimary);
        }
    }
}
