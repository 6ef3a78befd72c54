package dev.vigil.daemon.lab;

/**
 * How to run the lab.
 *
 * @param advertIntSeconds the directors' advert_int (VRRPv2: whole seconds)
 * @param interactive      wait for Enter before killing the master and before cleaning up
 */
record LabOptions(int advertIntSeconds, boolean interactive) {
    LabOptions {
        if (advertIntSeconds < 1 || advertIntSeconds > 255) {
            throw new IllegalArgumentException("advert_int must be 1..255 seconds, got " + advertIntSeconds);
        }
    }
}
