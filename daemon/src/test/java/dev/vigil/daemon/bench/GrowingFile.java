package dev.vigil.daemon.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** A file another process keeps appending to (a console log, tcpdump's text output), read a new part at a time. */
final class GrowingFile {
    private GrowingFile() {
    }

    /** The bytes written to {@code file} past {@code offset} so far; none when nothing was appended. */
    static byte[] readFrom(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return new byte[0];
            }
            byte[] buf = new byte[(int) (len - offset)];
            f.seek(offset);
            f.readFully(buf);
            return buf;
        }
    }
}
