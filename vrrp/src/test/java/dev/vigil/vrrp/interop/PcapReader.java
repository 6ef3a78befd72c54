package dev.vigil.vrrp.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Minimal classic-pcap reader (Ethernet link type) for interop captures; tolerates a truncated last record. */
final class PcapReader {
    private PcapReader() {}

    /** One captured frame: capture time in nanoseconds and the bytes after the Ethernet header. */
    record Frame(long timeNanos, int etherType, byte[] payload) {}

    static List<Frame> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<Frame> frames = new ArrayList<>();
        if (all.length < 24) {
            return frames;
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(0);
        }
        long fractionNanos = magic == 0xa1b23c4d ? 1 : 1000; // nanosecond or microsecond pcap
        int at = 24;
        while (at + 16 <= all.length) {
            long sec = Integer.toUnsignedLong(b.getInt(at));
            long frac = Integer.toUnsignedLong(b.getInt(at + 4));
            int capLen = b.getInt(at + 8);
            if (at + 16 + capLen > all.length || capLen < 14) {
                break;
            }
            int start = at + 16;
            int etherType = (all[start + 12] & 0xff) << 8 | (all[start + 13] & 0xff);
            frames.add(new Frame(sec * 1_000_000_000L + frac * fractionNanos, etherType,
                    Arrays.copyOfRange(all, start + 14, start + capLen)));
            at = start + capLen;
        }
        return frames;
    }
}
