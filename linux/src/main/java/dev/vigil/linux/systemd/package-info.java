/**
 * The systemd service-manager protocol: {@link dev.vigil.linux.systemd.SdNotify} sends {@code sd_notify(3)}
 * messages ({@code READY=1}, {@code RELOADING=1}, {@code STOPPING=1}, {@code STATUS=...}) to {@code $NOTIFY_SOCKET}
 * so a {@code Type=notify} unit knows when Vigil is up, reloading or stopping.
 */
package dev.vigil.linux.systemd;
