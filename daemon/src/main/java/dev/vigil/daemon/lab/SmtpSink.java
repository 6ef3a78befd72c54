package dev.vigil.daemon.lab;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The lab's mail host: a minimal SMTP server (RFC 5321's HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that accepts
 * every message and keeps its subject, so the lab can show the alert mails the directors send. The test suite's
 * GreenMail is a test-scoped library, and the lab is part of the product: a sink is all it needs. Messages are
 * parsed with Jakarta Mail, which the notify module already ships.
 */
final class SmtpSink implements AutoCloseable {
    private static final int IDLE_TIMEOUT_MS = 30_000;

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Consumer<ReceivedMail> listener;
    private final List<ReceivedMail> received = new CopyOnWriteArrayList<>();
    private final Session session = Session.getInstance(new Properties());
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private SmtpSink(ServerSocket server, Consumer<ReceivedMail> listener) {
        this.server = server;
        this.listener = listener;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lab-smtp");
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on port {@code port} of every address of {@code host}; {@code listener} hears of each message. */
    static SmtpSink start(LabHost host, int port, Consumer<ReceivedMail> listener) throws IOException {
        ServerSocket server = NamespaceSockets.open(host, () -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return s;
        });
        return serve(server, listener);
    }

    /** Serves SMTP on an already bound server socket (tests use one on loopback). */
    static SmtpSink serve(ServerSocket server, Consumer<ReceivedMail> listener) {
        SmtpSink sink = new SmtpSink(server, listener);
        sink.threads.execute(sink::acceptLoop);
        return sink;
    }

    /** The port it listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** Every message accepted so far, in arrival order. */
    List<ReceivedMail> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        connections.add(client);
        try (client) {
            client.setSoTimeout(IDLE_TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, "220 vigil-lab SMTP sink");
            String from = "";
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "HELO", "EHLO" -> reply(out, "250 vigil-lab");
                    case "MAIL" -> {
                        from = address(line);
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        to.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] message = readData(in);
                        long at = System.nanoTime();
                        ReceivedMail mail = new ReceivedMail(at, from, to, subject(message));
                        received.add(mail);
                        reply(out, "250 OK: queued");
                        listener.accept(mail);
                    }
                    case "RSET" -> {
                        from = "";
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketTimeoutException e) {
            // an idle client: drop it
        } catch (IOException e) {
            // the client went away or the sink closed
        } finally {
            connections.remove(client);
        }
    }

    /** The message up to the lone "." line, dot-stuffing undone (RFC 5321 §4.5.2). */
    private static byte[] readData(BufferedReader in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return message.toByteArray();
    }

    private String subject(byte[] message) {
        try {
            String subject = new MimeMessage(session, new ByteArrayInputStream(message)).getSubject();
            return subject == null ? "(no subject)" : subject;
        } catch (MessagingException e) {
            return "(unreadable message: " + e.getMessage() + ")";
        }
    }

    /** The address inside {@code <...>} of a MAIL FROM or RCPT TO line. */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket c : connections) {
            try {
                c.close(); // unblocks its reader
            } catch (IOException e) {
                // already closed
            }
        }
        threads.shutdownNow();
    }
}
