package dev.vigil.conf.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * A vrrp_instance with keepalived 2.2.7's defaults and coercions applied (priority 255 for state MASTER without
 * priority, advert_int rounded for VRRPv2, nopreempt cleared for state MASTER, ...).
 *
 * @param authentication null when none
 * @param smtpAlert      effective value (instance setting, else global smtp_alert_vrrp / smtp_alert, else false)
 * @param accept         effective accept mode
 */
public record VrrpInstance(String name, VrrpState state, String interfaceName, int virtualRouterId, int priority,
        Duration advertInterval, int version, Authentication authentication,
        List<IpAddressEntry> virtualIpAddresses, List<IpAddressEntry> virtualIpAddressesExcluded,
        List<RouteEntry> virtualRoutes, List<RouteEntry> virtualRules,
        boolean nopreempt, Duration preemptDelay,
        InetAddress unicastSrcIp, List<UnicastPeer> unicastPeers, InetAddress mcastSrcIp, int unicastTtl,
        List<TrackRef> trackInterfaces, List<TrackRef> trackScripts, List<TrackRef> trackFiles,
        List<TrackRef> trackProcesses, List<TrackRef> trackBfds,
        Notifies notifies, boolean notifyPriorityChanges, boolean smtpAlert, GarpSettings garp,
        boolean dontTrackPrimary, boolean accept, boolean strictMode, boolean skipCheckAdvAddr,
        boolean promoteSecondaries, int downTimerAdverts, boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
        boolean useVmac, String vmacInterfaceName, String syncGroup) {
    public VrrpInstance {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        virtualIpAddressesExcluded = List.copyOf(virtualIpAddressesExcluded);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }
}
