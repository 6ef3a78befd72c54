package dev.vigil.daemon.status;

import dev.vigil.daemon.CheckerService;
import dev.vigil.daemon.VrrpService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Makes the subsystems {@link StatusSource}s: their published snapshots, adapted. */
@Factory
public final class VrrpStatusFactory {
    @Singleton
    VrrpStatusSource vrrpStatus(VrrpService vrrp) {
        return new VrrpStatusSource(vrrp::status);
    }

    /** The checker side: virtual and real servers with their health (empty when the checkers do not run). */
    @Singleton
    CheckerStatusSource checkerStatus(CheckerService checkers) {
        return new CheckerStatusSource(checkers::snapshot);
    }
}
