package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutation-based property test: 100,000 configurations derived from the fixtures by byte flips, token deletion
 * and duplication, brace insertion, random includes, parameters and generators must only ever produce
 * diagnostics: no exception, never the reader's "internal error" fallback, and no input may hang.
 */
class FuzzTest {
    private static final long SEED = 0x5EED_C0DEL;
    private static final int RUNS = 100_000;
    /** A hang guard, not a performance figure: no single input may take this long. */
    private static final long MAX_NANOS_PER_INPUT = TimeUnit.SECONDS.toNanos(10);

    private static final String[] SNIPPETS = {
        "{", "}", "{ }", "\"", "!", "#", "\\", "$", "${", "@", "@^", "~SEQ(", "~LST(",
        "include ../lexical/conf.d/*.conf", "include ../valid/lvs-*.conf", "include ../broken/include-cycle.conf",
        "include {a,b{c,d}}*",
        "includem nothing", "include /dev/zero", "include /proc/self/status",
        "$X=$X", "$X=${X} $X", "$Y=\\", "${_RANDOM 1 99999999999999999999}", "${_RANDOM}", "${_PWD}", "$X",
        "~SEQ(i,1,2000) vrrp_instance VI_$i {", "~SEQx(i,-1,5) x", "~LST({a,b},{1,2},{3}) $a $b",
        "~SEQ(i, 0, 0, 0) x", "~LST(v,,,) $v", "@lb1 priority 300", "@^lb1 state MASTER",
        "virtual_router_id 0", "priority -1", "advert_int 1e9", "advert_int 0.0000001", "weight 99999999999999999999",
        "10.0.0.1/99", "::ffff:1.2.3.4", "fe80::1%eth0", "999.1.1.1", "-", "real_server", "virtual_server group",
        "virtual_server fwmark", "track_script {", "vrrp_sync_group", "unicast_peer {", "url {", "status_code 1-0",
        "payload ff", "payload zz", "lb_kind TUN type gue", "persistence_timeout", "\u00e9\u0000\u2028",
    };

    private record Seed(Path path, String text) {
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void mutatedConfigsOnlyProduceDiagnostics() throws IOException {
        List<Seed> seeds = seeds();
        assertTrue(seeds.size() >= 40, "fixtures to mutate: " + seeds.size());
        SplittableRandom rnd = new SplittableRandom(SEED);
        LoadOptions options = new LoadOptions("lb1", false);
        long slowest = 0;
        String slowestInput = "";
        long started = System.nanoTime();
        int withErrors = 0;
        for (int run = 0; run < RUNS; run++) {
            Seed seed = seeds.get(rnd.nextInt(seeds.size()));
            String input = mutate(seed.text(), rnd);
            long t0 = System.nanoTime();
            LoadResult r;
            try {
                r = ConfigLoader.load(seed.path(), input, options);
            } catch (Throwable e) {
                fail("run " + run + " on " + seed.path() + " threw " + e + " for input:\n" + input, e);
                return;
            }
            long took = System.nanoTime() - t0;
            if (took > slowest) {
                slowest = took;
                slowestInput = input;
            }
            assertNotNull(r.config());
            for (Diagnostic d : r.diagnostics()) {
                if (d.message().startsWith("internal error")) {
                    fail("run " + run + ": " + d + "\ninput:\n" + input);
                }
            }
            if (r.hasErrors()) {
                withErrors++;
            }
        }
        long total = System.nanoTime() - started;
        System.out.printf("fuzz: %d inputs in %.1f s (%.0f µs each), %d with errors, slowest %.1f ms%n", RUNS,
                total / 1e9, total / 1e3 / RUNS, withErrors, slowest / 1e6);
        assertTrue(slowest < MAX_NANOS_PER_INPUT, "slowest input took " + slowest / 1e6 + " ms:\n" + slowestInput);
        assertTrue(withErrors > RUNS / 10, "mutations reach the error paths");
    }

    @Test
    void mutationIsDeterministic() throws IOException {
        String text = seeds().get(0).text();
        assertEquals(mutate(text, new SplittableRandom(1)), mutate(text, new SplittableRandom(1)));
    }

    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        try (var files = Files.walk(Fixtures.dir())) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                seeds.add(new Seed(p, Files.readString(p)));
            }
        }
        return seeds;
    }

    /** One to four mutations of the kinds listed in the class comment. */
    static String mutate(String text, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            int pos = sb.length() == 0 ? 0 : rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(9)) {
                case 0 -> { // byte flip
                    if (sb.length() > 0) {
                        int p = rnd.nextInt(sb.length());
                        sb.setCharAt(p, (char) (sb.charAt(p) ^ (1 << rnd.nextInt(7))));
                    }
                }
                case 1 -> { // delete a token
                    int[] t = token(sb, pos);
                    sb.delete(t[0], t[1]);
                }
                case 2 -> { // duplicate a token
                    int[] t = token(sb, pos);
                    sb.insert(t[1], " " + sb.substring(t[0], t[1]));
                }
                case 3 -> sb.insert(pos, rnd.nextBoolean() ? "{" : "}");
                case 4 -> sb.insert(pos, " " + SNIPPETS[rnd.nextInt(SNIPPETS.length)] + " ");
                case 5 -> sb.insert(lineStart(sb, pos), SNIPPETS[rnd.nextInt(SNIPPETS.length)] + "\n");
                case 6 -> { // duplicate or delete a line
                    int s = lineStart(sb, pos);
                    int e = sb.indexOf("\n", s);
                    e = e < 0 ? sb.length() : e + 1;
                    if (rnd.nextBoolean()) {
                        sb.insert(s, sb.substring(s, e));
                    } else {
                        sb.delete(s, e);
                    }
                }
                case 7 -> sb.insert(pos, "x".repeat(rnd.nextInt(2000)));
                default -> sb.insert(pos, (char) rnd.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    private static int[] token(StringBuilder sb, int pos) {
        int s = Math.min(pos, sb.length());
        while (s > 0 && !Character.isWhitespace(sb.charAt(s - 1))) {
            s--;
        }
        int e = Math.min(pos, sb.length());
        while (e < sb.length() && !Character.isWhitespace(sb.charAt(e))) {
            e++;
        }
        return new int[] {s, e};
    }

    private static int lineStart(StringBuilder sb, int pos) {
        int p = Math.min(pos, sb.length());
        while (p > 0 && sb.charAt(p - 1) != '\n') {
            p--;
        }
        return p;
    }
}
