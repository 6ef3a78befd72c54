package dev.vigil.daemon.status;

import dev.vigil.daemon.VrrpService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Makes the VRRP subsystem a {@link StatusSource}: its runtime's published snapshot, adapted. */
@Factory
public final class VrrpStatusFactory {
    @Singleton
    VrrpStatusSource vrrpStatus(VrrpService vrrp) {
        return new VrrpStatusSource(vrrp::status);
    }
}
