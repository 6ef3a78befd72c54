package dev.vigil.daemon;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.systemd.SdNotify;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd ({@code Type=notify}) where the daemon is: READY=1 after start-up, RELOADING=1 then READY=1 around a
 * SIGHUP reload, STOPPING=1 when a stop begins. Outside systemd ({@code $NOTIFY_SOCKET} unset) it does nothing. A
 * failed notification is logged, never fatal: the daemon's work matters more than the service manager's view of it.
 */
final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    private final SdNotify sd;

    SystemdNotifier(SdNotify sd) {
        this.sd = sd;
    }

    /** From {@code $NOTIFY_SOCKET}. */
    static SystemdNotifier fromEnvironment() {
        SystemdNotifier notifier = new SystemdNotifier(SdNotify.fromEnvironment());
        notifier.sd.socketName().ifPresent(s -> LOG.debug("Notifying systemd on {}", s));
        return notifier;
    }

    /** Start-up or reload complete. */
    void ready() {
        send("READY=1", sd::ready);
    }

    /** A SIGHUP reload begins. */
    void reloading() {
        send("RELOADING=1", sd::reloading);
    }

    /** An orderly stop begins. */
    void stopping() {
        send("STOPPING=1", sd::stopping);
    }

    private interface Notification {
        boolean send() throws ErrnoException;
    }

    private void send(String what, Notification notification) {
        try {
            notification.send();
        } catch (ErrnoException e) {
            LOG.warn("Cannot notify systemd ({}): {}", what, e.getMessage());
        }
    }
}
