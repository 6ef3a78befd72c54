package dev.vigil.vrrp.instance;

import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.validate.AdvertValidator;
import dev.vigil.vrrp.validate.Verdict;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the instance a datagram received on one interface's socket is for, by VRID. Adverts for a VRID
 * nobody configured are {@link Verdict.Ignored} (logged only with {@code log_unknown_vrids}).
 */
public final class VridDispatcher {
    private final String interfaceName;
    private final boolean logUnknownVrids;
    private final Map<Integer, VrrpInstance> byVrid = new HashMap<>();

    public VridDispatcher(String interfaceName, boolean logUnknownVrids) {
        this.interfaceName = interfaceName;
        this.logUnknownVrids = logUnknownVrids;
    }

    public void register(VrrpInstance instance) {
        byVrid.put(instance.spec().vrid(), instance);
    }

    /** The instance for this datagram's VRID, or empty with {@link #ignored} describing why. */
    public Optional<VrrpInstance> route(ReceivedAdvert packet) {
        return Optional.ofNullable(byVrid.get(packet.advert().vrid()));
    }

    /** The outcome for a datagram {@link #route} found no instance for. */
    public Verdict.Ignored ignored(ReceivedAdvert packet) {
        return AdvertValidator.unknownVrid(packet.advert().vrid(), interfaceName, logUnknownVrids);
    }
}
