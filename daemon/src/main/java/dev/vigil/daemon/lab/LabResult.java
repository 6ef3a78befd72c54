package dev.vigil.daemon.lab;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a lab run measured: whether the LVS-DR virtual server ran (the kernel has IPVS), the advert interval, the
 * failover timeline, each director's resident memory, every alert mail received (offsets in ms from the kill), and
 * how many of the client's requests each machine answered before the failure and after it.
 */
record LabResult(boolean ipvs, int advertIntSeconds, FailoverTimeline timeline, List<DirectorMemory> memory,
                 List<Mail> mails, Map<String, Long> answeredBefore, Map<String, Long> answeredAfter) {
    LabResult {
        memory = List.copyOf(memory);
        mails = List.copyOf(mails);
        answeredBefore = Collections.unmodifiableMap(new TreeMap<>(answeredBefore));
        answeredAfter = Collections.unmodifiableMap(new TreeMap<>(answeredAfter));
    }

    /** A director's VmRSS in kB, measured while it was {@code state}. */
    record DirectorMemory(String director, String state, long rssKb) {
    }

    /** An alert mail: when it arrived (ms from the kill, negative before it) and its subject. */
    record Mail(long offsetMs, String subject) {
    }
}
