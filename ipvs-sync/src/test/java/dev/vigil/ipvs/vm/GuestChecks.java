package dev.vigil.ipvs.vm;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.netlink.IpvsException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for programs run inside the QEMU guest: VMCHECK/VMFIGURE reporting, comparisons, commands. */
public final class GuestChecks {
    private GuestChecks() {
    }

    public interface Read {
        String get() throws Exception;
    }

    /** Polls until the reading satisfies {@code done} and two successive readings agree (20 s at most). */
    public static String awaitStable(Read read, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = null;
        while (System.nanoTime() < deadline) {
            String now = read.get();
            if (done.test(now) && now.equals(last)) {
                return now;
            }
            last = now;
            Thread.sleep(250);
        }
        throw new IOException("not stable within 20 s; last reading:\n" + last);
    }

    /** A check returns null on success or a failure description. */
    public interface Check {
        String run() throws Exception;
    }

    public interface Action {
        void run() throws Exception;
    }

    public static void check(String name, Check c) {
        String failure;
        try {
            failure = c.run();
        } catch (Throwable t) {
            failure = t.toString();
        }
        System.out.println("VMCHECK " + name + (failure == null ? " PASS" : " FAIL " + failure.replace("\n", "\\n")));
    }

    public static void figure(String name, Object value) {
        System.out.println("VMFIGURE " + name + " " + value);
    }

    public static String expect(boolean ok, String failure) {
        return ok ? null : failure;
    }

    public static String same(Object expected, Object actual) {
        return same(expected, actual, "");
    }

    public static String same(Object expected, Object actual, String what) {
        return expected.equals(actual) ? null : what + " expected <" + expected + "> but was <" + actual + ">";
    }

    public static String contains(String text, String part) {
        return text.contains(part) ? null : "missing <" + part + "> in <" + text + ">";
    }

    public static String firstFailure(String... results) {
        for (String r : results) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    public static String errno(Action a, int expected) {
        try {
            a.run();
            return "no error, expected errno " + expected;
        } catch (IpvsException e) {
            return e.errno() == expected ? null : "errno " + e.errno() + " (" + e.getMessage() + "), expected " + expected;
        } catch (Exception e) {
            return e.toString();
        }
    }

    public static IpvsTable sortedDests(IpvsTable t) {
        return new IpvsTable(t.services().stream().map(v -> new VirtualService(v.service(), v.dests().stream()
                .sorted(java.util.Comparator.comparing((IpvsDest d) -> Addresses.text(d.address()))).toList())).toList());
    }

    public static InetAddress ip(String s) {
        return Addresses.parse(s);
    }

    public static String ipvsadm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ipvsadm"));
        cmd.addAll(List.of(args));
        return sh(cmd.toArray(String[]::new));
    }

    /** Runs a command and returns its stdout+stderr; a non-zero exit is an error naming the output. */
    public static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
