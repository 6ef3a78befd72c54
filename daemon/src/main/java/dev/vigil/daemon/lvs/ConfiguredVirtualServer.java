package dev.vigil.daemon.lvs;

import dev.vigil.conf.model.VirtualServer;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.VirtualServerKey;
import dev.vigil.ipvs.config.RealServerSpec;
import java.util.Locale;

/**
 * A configured virtual server under its three names: the IPVS side's ({@code specName}, keepalived's FMT_VS), the
 * health checker's ({@code key}) and the configuration's ({@code conf}).
 */
record ConfiguredVirtualServer(String specName, VirtualServerKey key, VirtualServer conf) {
    /** One of its real servers as the health checker and the notifications name it. */
    Endpoint endpoint(RealServerSpec rs) {
        return new Endpoint(rs.address(), rs.port(), protocol());
    }

    Endpoint.Protocol protocol() {
        return conf.protocol() == null ? Endpoint.Protocol.TCP
                : Endpoint.Protocol.valueOf(conf.protocol().toUpperCase(Locale.ROOT));
    }
}
