package dev.vigil.notify.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server on loopback that records the dialogue byte for byte. Optionally it holds each connection
 * before its greeting (a slow server) until {@link #release()}, or offers STARTTLS and AUTH PLAIN (with GreenMail's
 * test certificate) and records whether each command arrived over TLS.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> data = new CopyOnWriteArrayList<>();
    /** Decoded AUTH PLAIN credentials, and whether they came over TLS. */
    final List<String> credentials = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final CountDownLatch hold;
    private final SSLContext tls;
    /** Reply to every RCPT, e.g. "550 no such user"; null accepts. */
    volatile String rcptReply;

    ScriptedSmtpServer(boolean slow) throws IOException {
        this(slow, false);
    }

    ScriptedSmtpServer(boolean slow, boolean startTls) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        hold = new CountDownLatch(slow ? 1 : 0);
        tls = startTls ? greenMailContext() : null;
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void release() {
        hold.countDown();
    }

    private static SSLContext greenMailContext() throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(new DummySSLServerSocketFactory().getKeyStore(), "changeit".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                hold.await(30, TimeUnit.SECONDS);
                converse(s);
            } catch (IOException | InterruptedException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket s = plain;
        boolean secure = false;
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        reply(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add((secure ? "tls: " : "") + line);
            String upper = line.toUpperCase();
            if (upper.startsWith("EHLO") && tls != null) {
                reply(out, secure ? "250-scripted\r\n250 AUTH PLAIN" : "250-scripted\r\n250 STARTTLS");
            } else if (upper.startsWith("STARTTLS") && tls != null) {
                reply(out, "220 go ahead");
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "localhost", s.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                s = ssl;
                secure = true;
                in = reader(s);
                out = s.getOutputStream();
            } else if (upper.startsWith("AUTH PLAIN")) {
                String response = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length())
                        : null;
                if (response == null) {
                    reply(out, "334 ");
                    response = in.readLine();
                }
                credentials.add((secure ? "tls:" : "plain:")
                        + new String(Base64.getDecoder().decode(response.trim()), StandardCharsets.UTF_8));
                reply(out, "235 authenticated");
            } else if (upper.startsWith("RCPT") && rcptReply != null) {
                reply(out, rcptReply);
            } else if (upper.startsWith("DATA")) {
                reply(out, "354 go ahead");
                StringBuilder body = new StringBuilder();
                String d;
                while ((d = in.readLine()) != null && !d.equals(".")) {
                    body.append(d).append("\r\n");
                }
                data.add(body.toString());
                reply(out, "250 queued");
            } else if (upper.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 ok");
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        socket.close();
    }
}
