package dev.vigil.daemon.lab;

import java.util.List;

/**
 * One alert mail the lab's SMTP sink accepted: when (this process's {@link System#nanoTime} clock), the envelope, and
 * the decoded subject.
 */
record ReceivedMail(long atNanos, String from, List<String> to, String subject) {
    ReceivedMail {
        to = List.copyOf(to);
    }
}
