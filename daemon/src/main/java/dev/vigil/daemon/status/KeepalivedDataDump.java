package dev.vigil.daemon.status;

import dev.vigil.conf.model.Addresses;
import dev.vigil.conf.model.Authentication;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.GarpSettings;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.notify.log.CLocaleTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * keepalived 2.2.7's SIGUSR1 VRRP dump ({@code /tmp/keepalived.data}): the "Global definitions" and "VRRP Topology"
 * sections, with keepalived's line texts in keepalived's order, for every value Vigil has (configuration plus live
 * state). keepalived's internals with no Vigil counterpart (fds, socket pools, interface flags, SNMP/DBus, process
 * scheduling) are left out, so each line here is also a line of keepalived's dump for the same configuration.
 */
public final class KeepalivedDataDump {
    private final StringBuilder out = new StringBuilder();
    private final BiFunction<String, List<String>, String> interfaceAddress;

    private KeepalivedDataDump(BiFunction<String, List<String>, String> interfaceAddress) {
        this.interfaceAddress = interfaceAddress;
    }

    /**
     * The file's text. Instances come from the configuration; their state from {@code live} (an instance it lacks is
     * shown in INIT, as keepalived shows an instance that has not started yet). {@code interfaceAddress} gives an
     * interface's primary IPv4 address (null when unknown), the source address keepalived reports.
     */
    public static String render(KeepalivedConfig config, StatusSnapshot live, ZoneId zone,
                                BiFunction<String, List<String>, String> interfaceAddress) {
        KeepalivedDataDump d = new KeepalivedDataDump(interfaceAddress);
        d.global(config.globalDefs());
        Map<String, StatusSnapshot.Instance> byName = live.instances().stream()
                .collect(Collectors.toMap(StatusSnapshot.Instance::name, Function.identity(), (a, b) -> a));
        d.line("------< VRRP Topology >------");
        for (VrrpInstance vi : config.vrrpInstances()) {
            d.instance(config.globalDefs(), vi, byName.get(vi.name()), live.daemon().started(), zone);
        }
        return d.out.toString();
    }

    private void global(GlobalDefs g) {
        line("------< Global definitions >------");
        line(" Network namespace = %s", g.netNamespace() == null ? "(default)" : g.netNamespace());
        line(" Router ID = %s", g.routerId());
        line(" Default smtp_alert = %s", tristate(g.smtpAlert()));
        line(" Default smtp_alert_vrrp = %s", tristate(g.smtpAlertVrrp()));
        line(" Default smtp_alert_checker = %s", tristate(g.smtpAlertChecker()));
        line(" Checkers log all failures = %s", g.checkerLogAllFailures());
        if (g.defaultInterface() != null) {
            line(" Default interface = %s", g.defaultInterface());
        }
        line(" LVS flush = %s", g.lvsFlush());
        line(" VRRP notify priority changes = %s", g.vrrpNotifyPriorityChanges());
        line(" VRRP IPv4 mcast group = %s", Addresses.format(g.vrrpMcastGroup4()));
        line(" VRRP IPv6 mcast group = %s", Addresses.format(g.vrrpMcastGroup6()));
        line(" Gratuitous ARP delay = %d", g.vrrpGarpMasterDelay().toSeconds());
        line(" Gratuitous ARP repeat = %d", g.vrrpGarpMasterRepeat());
        line(" Gratuitous ARP refresh timer = %d", g.vrrpGarpMasterRefresh().toSeconds());
        line(" Gratuitous ARP refresh repeat = %d", g.vrrpGarpMasterRefreshRepeat());
        line(" Gratuitous ARP lower priority delay = %d", g.vrrpGarpLowerPrioDelay().toSeconds());
        line(" Gratuitous ARP lower priority repeat = %d", g.vrrpGarpLowerPrioRepeat());
        line(" Num adverts before down = %d", g.vrrpDownTimerAdverts());
        line(" Send advert after receive lower priority advert = %s", !g.vrrpLowerPrioNoAdvert());
        line(" Send advert after receive higher priority advert = %s", g.vrrpHigherPrioSendAdvert());
        line(" Gratuitous ARP interval = %s", seconds(g.vrrpGarpInterval()));
        line(" Gratuitous NA interval = %s", seconds(g.vrrpGnaInterval()));
        line(" VRRP default protocol version = %d", g.vrrpVersion());
        line(" VRRP check unicast_src = %s", g.vrrpCheckUnicastSrc());
        line(" VRRP skip check advert addresses = %s", g.vrrpSkipCheckAdvAddr());
        line(" VRRP strict mode = %s", g.vrrpStrict());
        line(" SNMP vrrp %s", g.enableSnmpVrrp() ? "enabled" : "disabled");
        line(" SNMP checker %s", g.enableSnmpChecker() ? "enabled" : "disabled");
        line(" SNMP traps %s", g.enableTraps() ? "enabled" : "disabled");
        line(" DBus %s", g.enableDbus() ? "enabled" : "disabled");
        line(" Script security %s", g.enableScriptSecurity() ? "enabled" : "disabled");
    }

    private void instance(GlobalDefs g, VrrpInstance vi, StatusSnapshot.Instance live, Instant started, ZoneId zone) {
        line(" VRRP Instance = %s", vi.name());
        line("   VRRP Version = %d", vi.version());
        line("   State = %s", live == null ? "INIT" : live.state());
        Instant t = live == null || live.lastChange() == null ? started : live.lastChange();
        line("   Last transition = %d.%06d (%s)", t.getEpochSecond(), t.getNano() / 1000,
                CLocaleTime.CTIME_MICROS.format(t.atZone(zone))); // keepalived's "%s.%6.6ld" time
        int effective = live == null ? vi.priority() : live.effectivePriority();
        line("   Master down timer = %d usecs", masterDownMicros(vi, effective));
        line("   Interface = %s", vi.interfaceName());
        if (vi.dontTrackPrimary()) {
            line("   VRRP interface tracking disabled");
        }
        if (vi.skipCheckAdvAddr()) {
            line("   Skip checking advert IP addresses");
        }
        if (vi.strictMode()) {
            line("   Enforcing strict VRRP compliance");
        }
        String src = vi.unicastSrcIp() != null ? Addresses.format(vi.unicastSrcIp())
                : vi.mcastSrcIp() != null ? Addresses.format(vi.mcastSrcIp())
                : interfaceAddress.apply(vi.interfaceName(), vi.virtualIpAddresses().stream()
                        .map(e -> Addresses.format(e.cidr().address())).toList());
        if (src == null && live != null && "MASTER".equals(live.state())) {
            src = live.master(); // a master's own source address
        }
        if (src != null) {
            line("   Using src_ip = %s", src);
        }
        if (vi.unicastPeers().isEmpty()) {
            line("   Multicast address %s", Addresses.format(g.vrrpMcastGroup4()));
        }
        GarpSettings garp = vi.garp();
        line("   Gratuitous ARP delay = %d", garp.masterDelay().toSeconds());
        line("   Gratuitous ARP repeat = %d", garp.masterRepeat());
        line("   Gratuitous ARP refresh = %d", garp.masterRefresh().toSeconds());
        line("   Gratuitous ARP refresh repeat = %d", garp.masterRefreshRepeat());
        line("   Gratuitous ARP lower priority delay = %d", garp.lowerPrioDelay().toSeconds());
        line("   Gratuitous ARP lower priority repeat = %d", garp.lowerPrioRepeat());
        line("   Down timer adverts = %d", vi.downTimerAdverts());
        line("   Send advert after receive lower priority advert = %s", !vi.lowerPrioNoAdvert());
        line("   Send advert after receive higher priority advert = %s", vi.higherPrioSendAdvert());
        line("   Virtual Router ID = %d", vi.virtualRouterId());
        line("   Priority = %d", vi.priority());
        line("   Effective priority = %d", effective);
        line("   Total priority = %d", effective);
        line("   Advert interval = %d sec", vi.advertInterval().toSeconds());
        line("   Accept = %s", vi.accept() ? "enabled" : "disabled");
        line("   Preempt = %s", vi.nopreempt() ? "disabled" : "enabled");
        if (!vi.preemptDelay().isZero()) {
            line("   Preempt delay = %s secs", trimmed(vi.preemptDelay()));
        }
        line("   Promote_secondaries = %s", vi.promoteSecondaries() ? "enabled" : "disabled");
        Authentication auth = vi.authentication();
        if (auth == null) {
            line("   Authentication type = none");
        } else if (auth.type() == Authentication.Type.AH) {
            line("   Authentication type = IPSEC_AH");
        } else {
            line("   Authentication type = SIMPLE_PASSWORD");
            line("   Password = %s", auth.password());
        }
        boolean set = live != null && live.vipsSet();
        vips("   Virtual IP (%d):", vi.virtualIpAddresses(), vi.interfaceName(), set);
        vips("   Virtual IP Excluded (%d):", vi.virtualIpAddressesExcluded(), vi.interfaceName(), set);
        line("   Using smtp notification = %s", vi.smtpAlert() ? "yes" : "no");
        line("   Notify priority changes = %s", vi.notifyPriorityChanges());
    }

    private void vips(String title, List<IpAddressEntry> vips, String ifname, boolean set) {
        if (vips.isEmpty()) {
            return;
        }
        line(title, vips.size());
        for (IpAddressEntry e : vips) {
            StringBuilder s = new StringBuilder("     ").append(Addresses.format(e.cidr().address()));
            int hostBits = e.cidr().isIpv4() ? 32 : 128;
            if (e.cidr().prefixLength() != hostBits) {
                s.append('/').append(e.cidr().prefixLength());
            }
            s.append(" dev ").append(e.device() != null ? e.device() : ifname)
                    .append(" scope ").append(e.scope() != null ? e.scope() : "global");
            if (e.label() != null) {
                s.append(" label ").append(e.label());
            }
            s.append(set ? " set" : "");
            line("%s", s);
        }
    }

    /** RFC 3768's Master_Down_Interval as keepalived computes it: down_timer_adverts adverts plus Skew_Time. */
    private static long masterDownMicros(VrrpInstance vi, int priority) {
        long advert = vi.advertInterval().toNanos() / 1000;
        return vi.downTimerAdverts() * advert + (256L - priority) * 1_000_000L / 256;
    }

    private static String tristate(Boolean b) {
        return b == null ? "unset" : b.toString();
    }

    /** C's {@code %f}: seconds with six decimals. */
    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%f", d.toNanos() / 1e9);
    }

    /** C's {@code %g} for whole or fractional seconds. */
    private static String trimmed(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
