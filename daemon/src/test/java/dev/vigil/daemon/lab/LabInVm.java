package dev.vigil.daemon.lab;

import static dev.vigil.ipvs.vm.GuestChecks.check;
import static dev.vigil.ipvs.vm.GuestChecks.expect;
import static dev.vigil.ipvs.vm.GuestChecks.figure;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.time.Duration;

/**
 * Guest program (run by {@link LabVmTest} inside QEMU, whose kernel has IPVS): the whole lab, so the LVS-DR virtual
 * server is in: the client must be answered by the real servers through the directors' IPVS, before and after the
 * failover. The guest is emulated (no KVM), so steps get generous patience and timing is reported, not judged.
 */
public final class LabInVm {
    static final int EXPECTED_CHECKS = 5;

    private LabInVm() {
    }

    public static void main(String[] args) throws Exception {
        Lab lab = new Lab(new LabOptions(1, false, Duration.ofMinutes(4)),
                new LabConsole(new PrintWriter(System.out, true), System.nanoTime()),
                new BufferedReader(new StringReader("")), DaemonLaunch.command());
        LabResult r;
        try {
            r = lab.run();
        } catch (Lab.LabFailure e) {
            check("lab-ran", () -> e.getMessage());
            System.out.println("VMDONE");
            return;
        }
        check("lab-ran", () -> null);
        check("ipvs-used", () -> expect(r.ipvs(), "the lab did not find IPVS"));
        check("real-servers-answer-before", () -> {
            LabTest.assertServedBy(r);
            return null;
        });
        check("timeline-complete", () -> expect(r.timeline().events().size() == 6, r.timeline().events().toString()));
        check("nothing-left", () -> expect(LabNetwork.existingLabNamespaces().isEmpty(),
                LabNetwork.existingLabNamespaces().toString()));
        figure("takeover_after_last_advert_ms", r.timeline().takeoverAfterLastAdvertMs());
        figure("client_outage_ms", r.timeline().clientOutageMs());
        r.memory().forEach(m -> figure("rss_kb_" + m.director() + "_" + m.state(), m.rssKb()));
        System.out.println(LabCommand.json(r));
        System.out.println("VMDONE");
    }
}
