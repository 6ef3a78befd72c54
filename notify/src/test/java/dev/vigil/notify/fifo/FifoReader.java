package dev.vigil.notify.fifo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads everything from a FIFO on a background thread (like a monitoring script would); for the notify tests. */
public final class FifoReader implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile InputStream in;

    public FifoReader(Path fifo) {
        thread = new Thread(() -> {
            try (InputStream s = Files.newInputStream(fifo)) {
                in = s;
                byte[] buf = new byte[4096];
                int n;
                while ((n = s.read(buf)) > 0) {
                    synchronized (bytes) {
                        bytes.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "fifo-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    public String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        if (in != null) {
            in.close();
        }
    }
}
