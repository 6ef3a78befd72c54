package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The lab's SMTP sink takes mail from Jakarta Mail (what the directors use) and survives odd clients. */
class SmtpSinkTest {
    @Test
    void acceptsAMessageFromJakartaMailAndDecodesItsSubject() throws Exception {
        List<ReceivedMail> heard = new CopyOnWriteArrayList<>();
        try (SmtpSink sink = SmtpSink.serve(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), heard::add)) {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sink.port()));
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress("director1@vigil.lab"));
            m.setRecipients(Message.RecipientType.TO, "ops@vigil.lab, oncall@vigil.lab");
            m.setSubject("[director1] VRRP Instance VI_1 - Entering MASTER state \u00e9", "UTF-8");
            m.setText("=> VRRP Instance is now owning VRRP VIPs <=\n.a line starting with a dot\n");
            Transport.send(m);

            assertEquals(1, sink.received().size());
            ReceivedMail got = sink.received().get(0);
            assertEquals("[director1] VRRP Instance VI_1 - Entering MASTER state \u00e9", got.subject());
            assertEquals("director1@vigil.lab", got.from());
            assertEquals(List.of("ops@vigil.lab", "oncall@vigil.lab"), got.to());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
        }
    }

    @Test
    void unknownCommandsGetAnErrorAndTheSessionGoesOn() throws Exception {
        try (SmtpSink sink = SmtpSink.serve(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), m -> { });
             Socket s = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertTrue(in.readLine().startsWith("220 "));
            send(out, "VRFY root");
            assertTrue(in.readLine().startsWith("502 "));
            send(out, "HELO x");
            assertTrue(in.readLine().startsWith("250 "));
            send(out, "MAIL FROM:<a@b>");
            assertTrue(in.readLine().startsWith("250 "));
            send(out, "RCPT TO:<c@d>");
            assertTrue(in.readLine().startsWith("250 "));
            send(out, "DATA");
            assertTrue(in.readLine().startsWith("354 "));
            send(out, "this is not a header at all\r\n\r\nbody\r\n.");
            assertTrue(in.readLine().startsWith("250 "));
            send(out, "QUIT");
            assertTrue(in.readLine().startsWith("221 "));
            assertEquals(1, sink.received().size());
            assertEquals("(no subject)", sink.received().get(0).subject());
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
