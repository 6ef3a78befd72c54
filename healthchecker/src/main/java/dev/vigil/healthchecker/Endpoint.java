package dev.vigil.healthchecker;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * An address, port and protocol, printed the way keepalived's FMT_RS / FMT_CHK do: {@code [10.0.0.1]:tcp:80}.
 */
public record Endpoint(InetAddress address, int port, Protocol protocol) {

    /** IPVS service protocols. */
    public enum Protocol { TCP, UDP, SCTP }

    public Endpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
    }

    public static Endpoint tcp(InetAddress address, int port) {
        return new Endpoint(address, port, Protocol.TCP);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        // inet_ntop's form (RFC 5952: "::1"), as keepalived prints it
        return "[" + NetUtil.toAddressString(address) + "]:" + protocol.name().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
