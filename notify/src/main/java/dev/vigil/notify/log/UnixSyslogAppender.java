package dev.vigil.notify.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.net.SyslogAppenderBase;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.socket.UnixDatagramSocket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * Syslog to the local socket, {@code /dev/log}, one AF_UNIX datagram per line exactly as glibc's {@code syslog(3)}
 * sends it after {@code openlog(tag, LOG_PID, facility)}: {@code <PRI>Mmm dd hh:mm:ss tag[pid]: message} (local
 * time, day space-padded, no host name, no trailing newline). The message is the line the other destinations write
 * without their timestamp: keepalived's text, or the JSON object.
 *
 * <p>Logging never waits for syslog: the socket is non-blocking, so when syslog is absent, stopped or too slow the
 * line is dropped and counted ({@link #dropped()}), and the first drop of each outage is said once on stderr (which
 * journald or the console still shows), as is the recovery with the number of lines lost. Each line looks the path up
 * again, so a restarted syslog daemon (a new socket at the same path) gets lines at once, without reopening.
 */
public final class UnixSyslogAppender extends AppenderBase<ILoggingEvent> {
    /** The local syslog socket (journald's or rsyslog's). */
    public static final Path DEV_LOG = Path.of("/dev/log");

    private Path socketPath = DEV_LOG;
    private int facility = SyslogAppenderBase.facilityStringToint("DAEMON");
    private String tag = "Vigil";
    private long pid = ProcessHandle.current().pid();
    private ZoneId zone = ZoneId.systemDefault();
    private PrintStream notices = System.err;
    private Encoder<ILoggingEvent> encoder;

    private UnixDatagramSocket socket;
    private long dropped;
    private long droppedThisOutage;
    private boolean failing;

    public void setSocketPath(Path socketPath) {
        this.socketPath = Objects.requireNonNull(socketPath);
    }

    /** keepalived's {@code -S} spellings: 0-7, local0-local7, user, daemon. */
    public void setFacility(String keepalivedFacility) {
        this.facility = SyslogAppenderBase.facilityStringToint(LogSetup.syslogFacility(keepalivedFacility));
    }

    /** The {@code openlog} ident, e.g. {@code Keepalived_vrrp}. */
    public void setTag(String tag) {
        this.tag = Objects.requireNonNull(tag);
    }

    /** Renders the message part (text or JSON); a trailing newline is removed. */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** For tests: the pid in the header (default this process). */
    void setPid(long pid) {
        this.pid = pid;
    }

    /** For tests: the zone of the header's time (default the system's, as syslog(3) uses local time). */
    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** For tests: where outages are said (default stderr). */
    void setNotices(PrintStream notices) {
        this.notices = notices;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder set for the syslog appender \"" + name + "\"");
            return;
        }
        try {
            socket = UnixDatagramSocket.sender(socketPath);
        } catch (ErrnoException | IllegalArgumentException e) {
            addError("Cannot open a socket for syslog at " + socketPath + ": " + e.getMessage());
            return;
        }
        super.start();
    }

    @Override
    public synchronized void stop() { // not while a line is being sent (doAppend holds the same lock)
        super.stop();
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Lines not delivered since start: syslog absent, stopped or full. */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] datagram = datagram(event);
        try {
            socket.send(datagram);
        } catch (ErrnoException e) {
            dropped++;
            droppedThisOutage++;
            if (!failing) {
                failing = true;
                notices.println("Vigil: cannot log to syslog at " + socketPath + " (" + e.errnoName()
                        + "): dropping syslog lines until it accepts them again");
            }
            return;
        }
        if (failing) {
            failing = false;
            notices.println("Vigil: syslog at " + socketPath + " accepts lines again; " + droppedThisOutage
                    + " line(s) were dropped");
            droppedThisOutage = 0;
        }
    }

    /** {@code <PRI>Mmm dd hh:mm:ss tag[pid]: message}. */
    byte[] datagram(ILoggingEvent event) {
        int pri = facility + KeepalivedTextLayout.syslogSeverity(event.getLevel());
        String stamp = CLocaleTime.SYSLOG.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone));
        String header = "<" + pri + ">" + stamp + " " + tag + "[" + pid + "]: ";
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] message = encoder.encode(event);
        int length = message.length;
        while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r')) {
            length--;
        }
        byte[] out = Arrays.copyOf(head, head.length + length);
        System.arraycopy(message, 0, out, head.length, length);
        return out;
    }
}
