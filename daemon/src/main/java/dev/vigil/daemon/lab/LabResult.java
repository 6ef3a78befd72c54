package dev.vigil.daemon.lab;

import java.util.List;

/**
 * What a lab run measured: whether the LVS-DR virtual server ran (the kernel has IPVS), the advert interval, the
 * failover timeline, each director's resident memory and every alert mail received (offsets in ms from the kill).
 */
record LabResult(boolean ipvs, int advertIntSeconds, FailoverTimeline timeline, List<DirectorMemory> memory,
                 List<Mail> mails) {
    LabResult {
        memory = List.copyOf(memory);
        mails = List.copyOf(mails);
    }

    /** A director's VmRSS in kB, measured while it was {@code state}. */
    record DirectorMemory(String director, String state, long rssKb) {
    }

    /** An alert mail: when it arrived (ms from the kill, negative before it) and its subject. */
    record Mail(long offsetMs, String subject) {
    }
}
