package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.lab.ClientProbe.Probe;
import dev.vigil.daemon.lab.WireWatch.Advert;
import dev.vigil.daemon.lab.WireWatch.Garp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline is computed from recorded observations: made-up ones here, on a clock in ms (kill at 10 000 ms). */
class FailoverTimelineTest {
    private static final long KILL = ms(10_000);
    private static final String D2_MAC = "02:00:00:00:00:02";
    private static final long MDI = 3_609_375_000L;

    @Test
    void ordersTheFailoverAndMeasuresTakeoverAndOutage() {
        FailoverTimeline t = FailoverTimeline.of(observations(
                List.of(advert(8_600, "10.77.0.1", 150), advert(9_600, "10.77.0.1", 150),
                        advert(13_210, "10.77.0.2", 100), advert(14_210, "10.77.0.2", 100)),
                List.of(garp(5_000, "02:00:00:00:00:01"), garp(13_212, D2_MAC), garp(13_213, D2_MAC)),
                List.of(probe(9_800, 9_802, true, "director1"), probe(9_902, 9_904, true, "director1"),
                        probe(10_004, 10_254, false, "timed out"), probe(13_100, 13_350, false, "timed out"),
                        probe(13_450, 13_452, true, "director2")),
                List.of(mail(6_000, "[director1] VRRP Instance VI_1 - Entering MASTER state"),
                        mail(13_400, "[director2] VRRP Instance VI_1 - Entering MASTER state"))));

        assertEquals(List.of(FailoverTimeline.LAST_ADVERT, FailoverTimeline.KILLED, FailoverTimeline.TAKEOVER,
                        FailoverTimeline.FIRST_GARP, FailoverTimeline.MASTER_MAIL, FailoverTimeline.CLIENT_REACHABLE),
                t.events().stream().map(FailoverTimeline.Event::key).toList());
        assertEquals(-400, t.event(FailoverTimeline.LAST_ADVERT).orElseThrow().offsetMs());
        assertEquals(3_210, t.event(FailoverTimeline.TAKEOVER).orElseThrow().offsetMs());
        assertEquals(3_212, t.event(FailoverTimeline.FIRST_GARP).orElseThrow().offsetMs(), "director1's GARP is older");
        assertEquals(3_452, t.event(FailoverTimeline.CLIENT_REACHABLE).orElseThrow().offsetMs());
        assertEquals(3_400, t.event(FailoverTimeline.MASTER_MAIL).orElseThrow().offsetMs());
        assertEquals(3_610L, t.takeoverAfterLastAdvertMs());
        assertEquals(3_548L, t.clientOutageMs(), "from the last answer before to the first answer after");
        assertEquals(3_609, t.masterDownIntervalMs());
        assertTrue(t.render("director1").get(0).contains("director1 died"));
        assertTrue(t.render("director1").stream().anyMatch(l -> l.contains("takeover 3610 ms after the last advert; "
                + "Master_Down_Interval 3609 ms")), String.join("\n", t.render("director1")));
    }

    @Test
    void answersFromTheDeadMasterDoNotCountAsReachableAgain() {
        // a probe that started after the kill but still reached director1 (e.g. before the cable was pulled)
        FailoverTimeline t = FailoverTimeline.of(observations(List.of(advert(9_900, "10.77.0.1", 150)), List.of(),
                List.of(probe(10_001, 10_003, true, "director1"), probe(13_500, 13_502, true, "realserver2")),
                List.of()));
        assertEquals(3_502, t.event(FailoverTimeline.CLIENT_REACHABLE).orElseThrow().offsetMs());
        assertTrue(t.event(FailoverTimeline.CLIENT_REACHABLE).orElseThrow().what().contains("realserver2"));
    }

    @Test
    void whatWasNotSeenIsSaidAndHasNoFigure() {
        FailoverTimeline t = FailoverTimeline.of(observations(List.of(), List.of(), List.of(), List.of()));
        assertEquals(List.of(FailoverTimeline.KILLED),
                t.events().stream().map(FailoverTimeline.Event::key).toList());
        assertNull(t.takeoverAfterLastAdvertMs());
        assertNull(t.clientOutageMs());
        List<String> text = t.render("director1");
        assertTrue(text.contains("  (not seen: first garp)"), String.join("\n", text));
        assertTrue(text.stream().anyMatch(l -> l.startsWith("  takeover ? ms")), String.join("\n", text));
    }

    @Test
    void aPriorityZeroAdvertIsNotATakeover() {
        FailoverTimeline t = FailoverTimeline.of(observations(
                List.of(advert(9_000, "10.77.0.1", 150), advert(10_500, "10.77.0.2", 0),
                        advert(13_000, "10.77.0.2", 100)), List.of(), List.of(), List.of()));
        assertEquals(3_000, t.event(FailoverTimeline.TAKEOVER).orElseThrow().offsetMs());
    }

    private static FailoverTimeline.Observations observations(List<Advert> adverts, List<Garp> garps,
                                                              List<Probe> probes, List<ReceivedMail> mails) {
        return new FailoverTimeline.Observations(KILL, LabTopology.DIRECTOR1, LabTopology.DIRECTOR2, D2_MAC, MDI,
                adverts, garps, probes, mails);
    }

    private static Advert advert(long atMs, String source, int priority) {
        return new Advert(ms(atMs), source, priority);
    }

    private static Garp garp(long atMs, String mac) {
        return new Garp(ms(atMs), LabTopology.VIP, mac);
    }

    private static Probe probe(long startMs, long endMs, boolean ok, String detail) {
        return new Probe(ms(startMs), ms(endMs), ok, detail);
    }

    private static ReceivedMail mail(long atMs, String subject) {
        return new ReceivedMail(ms(atMs), "director@vigil.lab", List.of(LabTopology.MAIL_TO), subject);
    }

    private static long ms(long ms) {
        return ms * 1_000_000L;
    }
}
