package dev.vigil.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal SMTP server on loopback that records the dialogue byte for byte, optionally holding each connection
 * before its greeting (a slow server) until {@link #release()}.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> data = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final CountDownLatch hold;
    private final Thread acceptor;

    ScriptedSmtpServer(boolean slow) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        hold = new CountDownLatch(slow ? 1 : 0);
        acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void release() {
        hold.countDown();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                hold.await(30, TimeUnit.SECONDS);
                converse(s);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        reply(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
            switch (verb) {
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    StringBuilder body = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        body.append(d).append("\r\n");
                    }
                    data.add(body.toString());
                    reply(out, "250 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
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
