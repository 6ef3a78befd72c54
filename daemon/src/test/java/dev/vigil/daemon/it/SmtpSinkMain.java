package dev.vigil.daemon.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The lab's SMTP server, run as its own JVM inside a lab host (see {@link LabSmtpServer}): GreenMail listening on
 * {@code 0.0.0.0:<port>}, accepting any recipient. Every message received is written, as stored, to
 * {@code <dir>/<seq>-<epochMillis>.eml} (atomically, so a reader never sees half a file); the time is when this
 * process saw the message arrive. Prints {@code READY} once it listens. Arguments: {@code <port> <dir>}.
 */
public final class SmtpSinkMain {
    private SmtpSinkMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        System.out.println("READY " + port);
        System.out.flush();
        int written = 0;
        while (true) {
            // blocks until one more message than already written is stored (GreenMail's own wait)
            if (!greenMail.waitForIncomingEmail(60_000, written + 1)) {
                continue;
            }
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (; written < received.length; written++) {
                long now = System.currentTimeMillis();
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                received[written].writeTo(raw);
                Path tmp = dir.resolve(written + ".tmp");
                Files.write(tmp, raw.toByteArray());
                Files.move(tmp, dir.resolve(String.format("%04d-%d.eml", written, now)),
                        StandardCopyOption.ATOMIC_MOVE);
                System.out.println("RECEIVED " + written + " at " + now);
                System.out.flush();
            }
        }
    }
}
