package dev.vigil.daemon.it;

import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.testing.Exec;
import dev.vigil.linux.testing.Tcpdump;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdump running inside a lab host (the shared {@link Tcpdump} fixture): the independent decoder and clock for
 * wire-level assertions. Packets are written unbuffered to a pcap file in the lab directory, and {@link #packets()}
 * decodes it with {@code tcpdump -r -nn -tt -e -v}.
 */
public final class PacketCapture implements AutoCloseable {
    private final Tcpdump tcpdump;

    private PacketCapture(Tcpdump tcpdump) {
        this.tcpdump = tcpdump;
    }

    /** Starts capturing on the host's eth0 with a BPF filter and waits until tcpdump is listening. */
    public static PacketCapture start(NetLab lab, NetHost host, String filter) throws IOException {
        Path pcap = lab.workDir().resolve(host.name() + "-" + System.nanoTime() + ".pcap");
        return new PacketCapture(Tcpdump.start(host.netns(), pcap, "eth0", 0, filter));
    }

    /** Every packet captured so far, decoded by tcpdump (continuation lines joined to their packet). */
    public List<CapturedPacket> packets() {
        // not Tcpdump.read: a capture still being written may end in a partial record, which tcpdump -r reports
        // as an error after printing every whole packet
        CommandRunner.Result r = Exec.run(List.of("tcpdump", "-r", tcpdump.file().toString(), "-nn", "-tt", "-e", "-v"),
                Duration.ofSeconds(30));
        List<CapturedPacket> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : r.output().split("\n")) {
            if (line.startsWith("reading from") || line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null) {
                current.append(' ').append(line.trim());
            } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                if (current != null) {
                    out.add(CapturedPacket.parse(current.toString()));
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            out.add(CapturedPacket.parse(current.toString()));
        }
        return out;
    }

    /** For failure messages: whether tcpdump still runs, and what it said. */
    public String diagnostics() {
        return tcpdump.diagnostics();
    }

    @Override
    public void close() {
        try {
            tcpdump.close();
        } catch (IOException e) {
            System.err.println("capture cleanup: " + e.getMessage());
        }
    }

    /** One decoded packet: capture time in microseconds since the epoch, and tcpdump's text for it. */
    public record CapturedPacket(long micros, String text) {
        static CapturedPacket parse(String line) {
            int sp = line.indexOf(' ');
            String ts = line.substring(0, sp);
            int dot = ts.indexOf('.');
            long sec = Long.parseLong(ts.substring(0, dot));
            String frac = (ts.substring(dot + 1) + "000000").substring(0, 6);
            return new CapturedPacket(sec * 1_000_000L + Long.parseLong(frac), line.substring(sp + 1));
        }

        public boolean isVrrp() {
            return text.contains("VRRPv2");
        }

        public boolean isGarpFor(String vip) {
            return text.contains("ARP") && text.contains("who-has " + vip + " ") && text.contains("tell " + vip);
        }

        /** The advertised priority of a VRRP packet, or -1. */
        public int vrrpPriority() {
            int i = text.indexOf("prio ");
            if (i < 0) {
                return -1;
            }
            int end = text.indexOf(',', i);
            return Integer.parseInt(text.substring(i + 5, end).trim());
        }

        /** Ethernet source MAC (the capture decodes with -e: "ts MAC > MAC, ethertype ..."). */
        public String sourceMac() {
            int sp = text.indexOf(' ');
            return sp < 0 ? "" : text.substring(0, sp);
        }

        /** Source IP of an IPv4 packet ("a.b.c.d > ..."), or "". */
        public String source() {
            int gt = text.indexOf(" > ", text.indexOf("proto"));
            if (gt < 0 || !text.contains("proto")) {
                return "";
            }
            int start = text.lastIndexOf(' ', gt - 1);
            return text.substring(start + 1, gt);
        }
    }
}
