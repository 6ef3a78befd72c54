package dev.vigil.conf.model;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** keepalived 2.2.7's built-in defaults that do not depend on the rest of the configuration. */
public final class Defaults {
    private Defaults() {
    }

    public static final int SMTP_PORT = 25;
    public static final Duration SMTP_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration GARP_MASTER_DELAY = Duration.ofSeconds(5);
    public static final int GARP_MASTER_REPEAT = 5;
    public static final int GARP_REFRESH_REPEAT = 1;
    public static final int DOWN_TIMER_ADVERTS = 3;
    public static final int PRIORITY = 100;
    public static final int PRIORITY_OWNER = 255;
    public static final Duration ADVERT_INT = Duration.ofSeconds(1);
    public static final Duration DELAY_LOOP = Duration.ofSeconds(60);
    public static final String SCHEDULER = "wlc";
    public static final Duration PERSISTENCE_TIMEOUT = Duration.ofSeconds(360);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_INTERFACE = "eth0";
    public static final InetAddress MCAST_GROUP4 = literal(new byte[] {(byte) 224, 0, 0, 18});
    public static final InetAddress MCAST_GROUP6 = literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0x12});
    public static final InetAddress LVS_SYNC_GROUP = literal(new byte[] {(byte) 224, 0, 0, (byte) 81});

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static volatile String hostName;

    /** The host name (keepalived's default router_id and HELO name), read once. */
    public static String hostName() {
        String h = hostName;
        if (h == null) {
            h = readHostName();
            hostName = h;
        }
        return h;
    }

    private static String readHostName() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            name = "localhost";
        }
        return name;
    }

    /** keepalived's code default for notification_email_from: {@code <unix-user>@<hostname>}. */
    public static String emailFrom() {
        String user = System.getProperty("user.name", "root");
        return user + "@" + hostName();
    }

    /** global_defs when none is given. */
    public static GlobalDefs globalDefs() {
        String host = hostName();
        return new GlobalDefs(host, List.of(), emailFrom(), null, SMTP_PORT, SMTP_CONNECT_TIMEOUT, host,
                null, null, null, false, false, false, null, null, null, SCRIPT_TIMEOUT, null, SCRIPT_TIMEOUT,
                false, false, false, 2, MCAST_GROUP4, MCAST_GROUP6, Duration.ZERO, Duration.ZERO,
                GARP_MASTER_DELAY, GARP_MASTER_REPEAT, Duration.ZERO, GARP_REFRESH_REPEAT, GARP_MASTER_DELAY,
                GARP_MASTER_REPEAT, false, false, DOWN_TIMER_ADVERTS, Duration.ZERO, DEFAULT_INTERFACE, false,
                null, null, null, null, false, false, null, null, null, false, false, false, false, null, null);
    }
}
