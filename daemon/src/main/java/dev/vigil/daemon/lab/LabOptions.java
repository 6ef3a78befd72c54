package dev.vigil.daemon.lab;

import java.time.Duration;

/**
 * How to run the lab.
 *
 * @param advertIntSeconds the directors' advert_int (VRRPv2: whole seconds)
 * @param interactive      wait for Enter before killing the master and before cleaning up
 * @param patience         how long to wait for each step (a director starting, the client getting through...)
 */
record LabOptions(int advertIntSeconds, boolean interactive, Duration patience) {
    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(60);

    LabOptions {
        if (advertIntSeconds < 1 || advertIntSeconds > 255) {
            throw new IllegalArgumentException("advert_int must be 1..255 seconds, got " + advertIntSeconds);
        }
    }

    LabOptions(int advertIntSeconds, boolean interactive) {
        this(advertIntSeconds, interactive, DEFAULT_PATIENCE);
    }
}
