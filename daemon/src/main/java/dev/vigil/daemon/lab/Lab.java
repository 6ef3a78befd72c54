package dev.vigil.daemon.lab;

import dev.vigil.daemon.lab.LabResult.DirectorMemory;
import dev.vigil.daemon.lab.LabTopology.Director;
import dev.vigil.daemon.lab.LabTopology.Machine;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.vrrp.instance.MasterDownTimer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code vigil lab}: builds the classic director pair in network namespaces, shows it working, fails the master and
 * shows the takeover with its timeline, then removes everything. One instance is one run; {@link #run} cleans up on
 * every path, and {@link #cleanup} may also be called from a shutdown hook (Ctrl-C) while it runs.
 */
final class Lab {
    /** keepalived's default number of missed adverts before a backup takes over. */
    private static final int DOWN_TIMER_ADVERTS = 3;
    private static final Duration POLL = Duration.ofMillis(50);
    /** How many good client answers in a row show the lab is steady before the failover. */
    private static final int STEADY_PROBES = 5;

    /** Raised when the lab cannot carry on; the message says what it was waiting for. */
    static final class LabFailure extends Exception {
        LabFailure(String message) {
            super(message);
        }
    }

    private final LabOptions options;
    private final LabConsole console;
    private final BufferedReader input;
    private final List<String> vigilCommand;
    private final long pid = ProcessHandle.current().pid();
    private final Object cleanupLock = new Object();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<DirectorProcess> directors = new ArrayList<>();
    /** Each director's last state, as its notify FIFO reported it. */
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private volatile boolean cleanedUp;
    private LabNetwork network;
    private Path workDir;

    /** {@code vigilCommand} starts a Vigil daemon (see {@link DaemonLaunch#command()}); daemon options are added. */
    Lab(LabOptions options, LabConsole console, BufferedReader input, List<String> vigilCommand) {
        this.options = options;
        this.console = console;
        this.input = input;
        this.vigilCommand = List.copyOf(vigilCommand);
    }

    /** Runs the whole lab and returns what it measured; everything it created is gone when this returns. */
    LabResult run() throws IOException, LabFailure {
        try {
            return runLab();
        } catch (LabFailure | IOException | RuntimeException e) {
            if (cleanedUp) {
                // the shutdown hook (Ctrl-C, SIGTERM) tore the lab down under this run: that is why it failed
                throw new LabFailure("stopped by a signal; the lab is cleaned up");
            }
            if (e instanceof LabFailure) {
                throw new LabFailure(e.getMessage() + directorLogTails());
            }
            throw e;
        } finally {
            cleanup();
        }
    }

    /** The end of each director's log, for a failure message (the logs are deleted with the lab). */
    private String directorLogTails() {
        StringBuilder s = new StringBuilder();
        synchronized (directors) {
            for (DirectorProcess d : directors) {
                s.append("\n").append(d.name()).append("'s log ends with:\n  ")
                        .append(String.join("\n  ", d.logTail(15)));
            }
        }
        return s.toString();
    }

    /** The lab's machines. */
    private record Hosts(LabHost d1, LabHost d2, List<LabHost> realServers, LabHost client, LabHost mail) {
    }

    /** What watches the lab: the SMTP sink, the client's capture and the client's requests. */
    private record Watchers(SmtpSink sink, WireWatch wire, ClientProbe probe) {
    }

    private LabResult runLab() throws IOException, LabFailure {
        List<String> stale = LabNetwork.removeStale(p -> ProcessHandle.of(p).isPresent());
        if (!stale.isEmpty()) {
            console.event("removed a stale lab left by a process that is gone: " + String.join(" ", stale));
        }
        workDir = Files.createTempDirectory("vigil-lab-");
        Hosts hosts = buildNetwork();
        boolean ipvs = ipvsAvailable();
        startWebServers(hosts, ipvs);
        SmtpSink sink = SmtpSink.start(hosts.mail(), LabTopology.SMTP_PORT,
                m -> console.event("mail received: \"" + m.subject() + "\" (to " + String.join(", ", m.to()) + ")"));
        resources.add(sink);
        LabNarration narration = new LabNarration(console, Map.of(hosts.d1().mac(), LabTopology.DIRECTOR1.name(),
                hosts.d2().mac(), LabTopology.DIRECTOR2.name()));
        WireWatch wire = WireWatch.start(hosts.client(), narration);
        resources.add(wire);
        console.event("web servers on the real servers answer with their name; SMTP sink listening on "
                + LabTopology.MAIL.ip() + ":" + LabTopology.SMTP_PORT);

        DirectorProcess director1 = startDirector(LabTopology.DIRECTOR1, hosts.d1(), ipvs, vigilCommand);
        awaitState(director1, "MASTER");
        DirectorProcess director2 = startDirector(LabTopology.DIRECTOR2, hosts.d2(), ipvs, vigilCommand);
        awaitState(director2, "BACKUP");
        ClientProbe probe = ClientProbe.start(hosts.client(), LabTopology.VIP, narration::probe);
        resources.add(probe);
        Watchers watchers = new Watchers(sink, wire, probe);
        await("the client to reach " + LabTopology.VIP + " " + STEADY_PROBES + " times in a row", options.patience(),
                () -> lastOk(probe.probes(), STEADY_PROBES));
        await("the alert mail of " + director1.name() + " becoming MASTER", options.patience(),
                () -> sink.received().stream().anyMatch(m -> isMasterMail(m, LabTopology.DIRECTOR1)));

        List<DirectorMemory> memory = new ArrayList<>(List.of(measure(director1), measure(director2)));
        if (options.interactive()) {
            console.plain("");
            console.plain(">>> The pair is up. Press Enter to kill " + director1.name()
                    + " (SIGKILL, and its cable pulled) and watch the failover...");
            waitForEnter();
        }
        long kill = failMaster(director1, hosts.d1());
        long mdi = MasterDownTimer.intervalNanos(DOWN_TIMER_ADVERTS, options.advertIntSeconds(),
                LabTopology.DIRECTOR2.priority());
        awaitFailover(director2, hosts.d2(), watchers, kill, Duration.ofNanos(mdi).plus(options.patience()));
        memory.add(measure(director2));

        LabResult result = report(ipvs, watchers, kill, mdi, hosts.d2().mac(), memory);
        if (options.interactive()) {
            console.plain("");
            console.plain(">>> Done. The lab stays up (try: ip netns exec " + hosts.client().namespace() + " curl -s "
                    + LabTopology.VIP + "). Press Enter to clean up and exit.");
            waitForEnter();
        }
        return result;
    }

    /** The bridge and every machine's namespace. */
    private Hosts buildNetwork() throws IOException {
        network = LabNetwork.create(pid);
        LabHost d1 = network.addHost(LabTopology.DIRECTOR1.host(), LabTopology.DIRECTOR1.ip());
        LabHost d2 = network.addHost(LabTopology.DIRECTOR2.host(), LabTopology.DIRECTOR2.ip());
        List<LabHost> realServers = new ArrayList<>();
        for (Machine rs : LabTopology.REAL_SERVERS) {
            realServers.add(network.addHost(rs.host(), rs.ip()));
        }
        LabHost client = network.addHost(LabTopology.CLIENT.host(), LabTopology.CLIENT.ip());
        LabHost mail = network.addHost(LabTopology.MAIL.host(), LabTopology.MAIL.ip());
        console.event("network: one bridge, namespaces " + String.join(" ", network.namespaces())
                + " (work files in " + workDir + ")");
        console.event("  directors " + LabTopology.DIRECTOR1.ip() + ", " + LabTopology.DIRECTOR2.ip() + ", VIP "
                + LabTopology.VIP + "; real servers " + LabTopology.REAL_SERVERS.get(0).ip() + ", "
                + LabTopology.REAL_SERVERS.get(1).ip() + "; client " + LabTopology.CLIENT.ip() + "; mail "
                + LabTopology.MAIL.ip() + ":" + LabTopology.SMTP_PORT);
        return new Hosts(d1, d2, realServers, client, mail);
    }

    /** The real servers' web servers; without IPVS the directors' too (the master answers on the VIP). */
    private void startWebServers(Hosts hosts, boolean ipvs) throws IOException {
        for (int i = 0; i < hosts.realServers().size(); i++) {
            LabHost rs = hosts.realServers().get(i);
            if (ipvs) {
                acceptVipForDirectRouting(rs);
            }
            resources.add(HttpResponder.start(rs, LabTopology.REAL_SERVERS.get(i).name()));
        }
        if (ipvs) {
            console.event("IPVS: available; each director runs an LVS-DR virtual server " + LabTopology.VIP + ":"
                    + LabTopology.HTTP_PORT + " (rr) over both real servers, with a TCP check each");
        } else {
            console.event("IPVS: not available in this kernel (no ip_vs module), so the LVS-DR virtual server is "
                    + "skipped; the master director answers HTTP on the VIP itself");
            resources.add(HttpResponder.start(hosts.d1(), LabTopology.DIRECTOR1.name()));
            resources.add(HttpResponder.start(hosts.d2(), LabTopology.DIRECTOR2.name()));
        }
    }

    /**
     * The hard failure: SIGKILL (no priority-0 advert) and the cable pulled. Returns time 0 of the timeline: only
     * once both are done can nothing reach the master any more (its kernel would still forward to the real servers
     * through IPVS, or answer on the VIP, until the cable is out).
     */
    private long failMaster(DirectorProcess master, LabHost host) throws IOException {
        master.kill();
        network.unplug(host);
        long kill = System.nanoTime();
        console.event(master.name() + " dies: daemon killed with SIGKILL and its cable pulled");
        return kill;
    }

    /** Waits until the backup is master, announced by GARP and mail, and the client is served again. */
    private void awaitFailover(DirectorProcess backup, LabHost host, Watchers w, long kill, Duration timeout)
            throws LabFailure {
        awaitState(backup, "MASTER");
        await("the client to reach " + LabTopology.VIP + " again", timeout, () -> w.probe().probes().stream()
                .anyMatch(p -> FailoverTimeline.reachesAgain(p, kill, LabTopology.DIRECTOR1)));
        await("the gratuitous ARP of " + backup.name(), timeout,
                () -> w.wire().garps().stream().anyMatch(g -> g.atNanos() > kill && g.mac().equals(host.mac())));
        await("the alert mail of " + backup.name() + " becoming MASTER", timeout,
                () -> w.sink().received().stream().anyMatch(m -> isMasterMail(m, LabTopology.DIRECTOR2)));
    }

    /** Prints the timeline, the memory figures and the client's answers, and returns them. */
    private LabResult report(boolean ipvs, Watchers w, long kill, long mdi, String newMasterMac,
                             List<DirectorMemory> memory) {
        List<ClientProbe.Probe> probes = w.probe().probes();
        List<ReceivedMail> received = w.sink().received();
        FailoverTimeline timeline = FailoverTimeline.of(new FailoverTimeline.Observations(kill,
                LabTopology.DIRECTOR1, LabTopology.DIRECTOR2, newMasterMac, mdi, w.wire().adverts(),
                w.wire().garps(), probes, received));
        console.plain("");
        timeline.render(LabTopology.DIRECTOR1.name()).forEach(console::plain);
        console.plain(String.format("  Master_Down_Interval = %d x advert_int %d s + skew (256 - %d)/256 s",
                DOWN_TIMER_ADVERTS, options.advertIntSeconds(), LabTopology.DIRECTOR2.priority()));
        console.plain("");
        console.plain("Resident memory of the directors (VmRSS, goal <= 64 MB each):");
        for (DirectorMemory m : memory) {
            console.plain(String.format("  %-10s %-7s %6.1f MB", m.director(), m.state(), m.rssKb() / 1024.0));
        }
        Map<String, Long> before = answers(probes.stream().filter(p -> p.ok() && p.endNanos() <= kill));
        Map<String, Long> after = answers(probes.stream()
                .filter(p -> FailoverTimeline.reachesAgain(p, kill, LabTopology.DIRECTOR1)));
        console.plain("");
        console.plain("Client answers before the failure: " + before + "; after it: " + after);
        List<LabResult.Mail> mails = received.stream()
                .map(m -> new LabResult.Mail(Math.round((m.atNanos() - kill) / 1e6), m.subject())).toList();
        return new LabResult(ipvs, options.advertIntSeconds(), timeline, memory, mails, before, after);
    }

    private DirectorProcess startDirector(Director spec, LabHost host, boolean ipvs, List<String> vigil)
            throws IOException {
        Path dir = workDir.resolve(spec.name());
        String conf = DirectorConfig.render(spec, options.advertIntSeconds(), ipvs, DirectorProcess.notifyFifo(dir));
        DirectorProcess d = DirectorProcess.start(spec, host, dir, conf, vigil, t -> {
            states.put(spec.name(), t.state());
            console.event(spec.name() + " is " + t.state() + LabNarration.describe(t.state()));
        });
        synchronized (directors) {
            directors.add(d);
        }
        resources.add(d);
        console.event("starting " + spec.name() + " (state " + spec.state() + ", priority " + spec.priority()
                + "): " + String.join(" ", vigil.size() == 1 ? vigil : vigil.subList(0, 1)) + " -f "
                + workDir.resolve(spec.name()).resolve("keepalived.conf") + " (pid " + d.pid() + ")");
        return d;
    }

    private void awaitState(DirectorProcess d, String state) throws LabFailure {
        await(d.name() + " to become " + state, options.patience(), () -> {
            if (!d.isAlive()) {
                return true; // reported below
            }
            return state.equals(states.get(d.name()));
        });
        if (!d.isAlive()) {
            throw new LabFailure(d.name() + " exited unexpectedly");
        }
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) throws LabFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || cleanedUp) {
                throw new LabFailure("gave up after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabFailure("interrupted waiting for " + what);
            }
        }
    }

    private DirectorMemory measure(DirectorProcess d) {
        String state = states.getOrDefault(d.name(), "?");
        long kb = d.residentKb();
        console.event(String.format("%s (%s) resident memory: %.1f MB (VmRSS of pid %d)", d.name(), state,
                kb / 1024.0, d.pid()));
        return new DirectorMemory(d.name(), state, kb);
    }

    /** How many answers each machine gave, by name. */
    private static Map<String, Long> answers(Stream<ClientProbe.Probe> probes) {
        return probes.collect(Collectors.groupingBy(ClientProbe.Probe::detail, TreeMap::new, Collectors.counting()));
    }

    private static boolean isMasterMail(ReceivedMail m, Director d) {
        return m.subject().contains("[" + d.name() + "]") && m.subject().contains("Entering MASTER state");
    }

    private static boolean lastOk(List<ClientProbe.Probe> probes, int n) {
        return probes.size() >= n && probes.subList(probes.size() - n, probes.size()).stream()
                .allMatch(ClientProbe.Probe::ok);
    }

    private void waitForEnter() {
        try {
            input.readLine();
        } catch (IOException e) {
            // no terminal any more: carry on
        }
    }

    /**
     * LVS-DR: a real server must accept packets for the VIP (on lo) but never answer ARP for it, or it would steal
     * the VIP from the directors.
     */
    private static void acceptVipForDirectRouting(LabHost rs) throws IOException {
        LabNetwork.exec(rs, "ip", "addr", "add", LabTopology.VIP + "/32", "dev", "lo");
        LabNetwork.exec(rs, "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1");
        LabNetwork.exec(rs, "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_announce=2");
    }

    private static boolean ipvsAvailable() {
        try (IpvsClient client = IpvsClient.open(true)) {
            return client != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops everything the lab started and removes its namespaces and files. Idempotent and thread-safe: the run's
     * own {@code finally} and a Ctrl-C shutdown hook may both call it.
     */
    void cleanup() {
        synchronized (cleanupLock) {
            if (cleanedUp) {
                return;
            }
            cleanedUp = true;
            List<AutoCloseable> all = new ArrayList<>(resources);
            Collections.reverse(all);
            for (AutoCloseable r : all) {
                try {
                    r.close();
                } catch (Exception e) {
                    console.event("cleanup: " + e);
                }
            }
            if (network != null) {
                network.close();
            }
            if (workDir != null) {
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    console.event("cleanup: cannot remove " + workDir + ": " + e.getMessage());
                }
            }
            console.event("cleaned up: processes stopped, namespaces and work files removed");
        }
    }

    /** The namespaces this lab created (for tests: all must be gone after {@link #run}). */
    List<String> namespaces() {
        return network == null ? List.of() : network.namespaces();
    }

    Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }
}
