package dev.vigil.healthchecker.probe;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Where and how one probe connects.
 *
 * @param remote         address to probe
 * @param local          source address/port to bind, or {@code null}
 * @param connectTimeout limit for connecting and for each wait for data
 */
public record ProbeTarget(InetSocketAddress remote, InetSocketAddress local, Duration connectTimeout) {
}
