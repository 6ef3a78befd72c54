package dev.vigil.daemon.lab;

import java.io.PrintWriter;

/**
 * The lab's live narration: one line per event, stamped with the seconds since the lab started, written whole from
 * whichever thread saw the event.
 */
final class LabConsole {
    private final PrintWriter out;
    private final long startNanos;

    LabConsole(PrintWriter out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
    }

    /** A stamped event line. */
    synchronized void event(String line) {
        out.printf("[%7.3fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }

    /** An unstamped line (headings, tables). */
    synchronized void plain(String line) {
        out.println(line);
        out.flush();
    }
}
