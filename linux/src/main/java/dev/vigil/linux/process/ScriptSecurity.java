package dev.vigil.linux.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's load-time script checks ({@code check_script_secure()} in lib/notify.c): path search of bare names,
 * executability for the script's uid:gid, shebang detection and, for scripts run as root, the
 * {@code enable_script_security} rule that no component of the path may be writable by a non-root user.
 */
public final class ScriptSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSecurity.class);

    /** Logged once per process, like keepalived, when an insecure script is allowed to run. */
    public static final String SECURITY_VIOLATION =
            "SECURITY VIOLATION - scripts are being executed but script_security not enabled.";

    private static final AtomicBoolean VIOLATION_LOGGED = new AtomicBoolean();
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;
    private static final int S_IXUSR = 0100;
    private static final int S_IXGRP = 010;
    private static final int S_IXOTH = 01;
    private static final int ANY_EXEC = S_IXUSR | S_IXGRP | S_IXOTH;

    private ScriptSecurity() {
    }

    /**
     * The outcome of the checks.
     *
     * @param script         what to run, or {@code null} when the script is disabled
     * @param disabledReason keepalived's message saying why it is disabled, else {@code null}
     * @param warnings       keepalived's non-fatal messages (path search, missing shebang, unsafe permissions)
     * @param insecure       a path component is writable by a non-root user while the script runs as root
     */
    public record Verdict(ResolvedScript script, String disabledReason, List<String> warnings, boolean insecure) {
        public Verdict {
            warnings = List.copyOf(warnings);
        }

        public boolean runnable() {
            return script != null;
        }
    }

    /**
     * Checks a script for the default script user. Logs keepalived's warnings; returns keepalived's message when
     * the script must be disabled (missing, not executable, unsafe with {@code enable_script_security}), else
     * empty. When an unsafe script is allowed because script security is off, logs
     * {@value #SECURITY_VIOLATION} once.
     */
    public static Optional<String> check(ScriptCommand cmd, boolean enableScriptSecurity) {
        Verdict verdict = evaluate(cmd, PosixUser.defaultScriptUser(), enableScriptSecurity);
        verdict.warnings().forEach(LOG::warn);
        if (verdict.disabledReason() != null) {
            LOG.warn(verdict.disabledReason());
        } else if (verdict.insecure() && !enableScriptSecurity && VIOLATION_LOGGED.compareAndSet(false, true)) {
            LOG.warn(SECURITY_VIOLATION);
        }
        return Optional.ofNullable(verdict.disabledReason());
    }

    /** Runs the checks without logging; {@code defaultUser} applies when the command names no user. */
    public static Verdict evaluate(ScriptCommand cmd, PosixUser defaultUser, boolean enableScriptSecurity) {
        return evaluate(cmd, defaultUser, enableScriptSecurity, System.getenv());
    }

    static Verdict evaluate(ScriptCommand cmd, PosixUser defaultUser, boolean enableScriptSecurity,
                            Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        Optional<PosixUser> user = PosixUser.forCommand(cmd, defaultUser);
        if (user.isEmpty()) {
            return disabled("Invalid user/group for script " + cmd.program() + " - ignoring", warnings);
        }
        PosixUser runAs = user.get();
        List<String> argv = new ArrayList<>(cmd.argv());
        String program = argv.get(0);

        // "</dev/tcp/..." only tests that a file opens: keepalived hands it to the shell without checks.
        if (isRedirection(program)) {
            return new Verdict(new ResolvedScript(argv, true, runAs), null, warnings, false);
        }

        if (program.indexOf('/') < 0) {
            PathSearch found = searchPath(program, runAs, env.getOrDefault("PATH", DEFAULT_PATH));
            if (found.path == null) {
                return disabled(found.permissionDenied
                        ? "Permissions failure for script " + program + " in path - disabling"
                        : "Cannot find script " + program + " in path - disabling", warnings);
            }
            warnings.add("WARNING - script `" + program + "` resolved by path search to `" + found.path
                    + "`. Please specify full path.");
            program = found.path;
        }

        Path given = Path.of(program);
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            return disabled("Script " + program + " cannot be accessed - " + describe(e), warnings);
        }
        // Keep the name the script was called by (busybox-style binaries dispatch on argv[0]) when the resolved
        // directory holds it as the same file; otherwise run the real path.
        Path runPath = real;
        if (!real.getFileName().equals(given.getFileName())) {
            Path sameName = real.resolveSibling(given.getFileName());
            try {
                if (Files.isSameFile(sameName, real)) {
                    runPath = sameName;
                }
            } catch (IOException e) {
                runPath = real;
            }
        }
        argv.set(0, runPath.toString());

        FileStat file;
        try {
            file = FileStat.of(real, true);
        } catch (IOException e) {
            return disabled("Unable to access script `" + argv.get(0) + "` - disabling", warnings);
        }
        if (!isExecutable(file, runAs)) {
            return disabled("WARNING - script '" + argv.get(0) + "' is not executable for uid:gid "
                    + runAs.uid() + ":" + runAs.gid() + " - disabling.", warnings);
        }
        boolean viaShell = !hasExecutableFormat(real);
        if (viaShell) {
            warnings.add("Please add a #! shebang to script " + argv.get(0));
        }

        boolean needsProtection = runAs.uid() == 0 || runAs.gid() == 0
                || (file.uid == 0 && (file.mode & S_IXUSR) != 0 && (file.mode & S_ISUID) != 0)
                || (file.gid == 0 && (file.mode & S_IXGRP) != 0 && (file.mode & S_ISGID) != 0);
        boolean insecure = false;
        if (needsProtection) {
            List<Path> toCheck = runPath.equals(real) ? List.of(real) : List.of(runPath, real);
            for (Path p : toCheck) {
                String problem = pathProblem(p, enableScriptSecurity);
                if (problem != null) {
                    if (problem.startsWith("Unsafe")) {
                        insecure = true;
                        if (!enableScriptSecurity) {
                            warnings.add(problem);
                            continue;
                        }
                    }
                    return new Verdict(null, problem, warnings, insecure);
                }
            }
        }
        return new Verdict(new ResolvedScript(argv, viaShell, runAs), null, warnings, insecure);
    }

    /** True for keepalived's "file openable" test form: {@code <} then optional blanks then {@code /}. */
    static boolean isRedirection(String program) {
        if (!program.startsWith("<")) {
            return false;
        }
        int i = 1;
        while (i < program.length() && (program.charAt(i) == ' ' || program.charAt(i) == '\t')) {
            i++;
        }
        return i < program.length() && program.charAt(i) == '/';
    }

    private record PathSearch(String path, boolean permissionDenied) {
    }

    private static PathSearch searchPath(String name, PosixUser runAs, String pathVar) {
        boolean denied = false;
        for (String dir : pathVar.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            try {
                FileStat st = FileStat.of(candidate, true);
                if (st.isRegular() && isExecutable(st, runAs)) {
                    return new PathSearch(candidate.toString(), false);
                }
                denied = true;
            } catch (IOException e) {
                // missing here: try the next directory
            }
        }
        return new PathSearch(null, denied);
    }

    /** keepalived's {@code is_executable()}: root needs any x bit; otherwise owner, group, other in turn. */
    static boolean isExecutable(FileStat st, PosixUser user) {
        if (user.uid() == 0) {
            return (st.mode & ANY_EXEC) != 0;
        }
        if (user.uid() == st.uid) {
            return (st.mode & S_IXUSR) != 0;
        }
        return user.gid() == st.gid ? (st.mode & S_IXGRP) != 0 : (st.mode & S_IXOTH) != 0;
    }

    /** What libmagic calls " executable" or " shared object": a #! script or an ELF binary. */
    private static boolean hasExecutableFormat(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return true; // unreadable by us: let execve decide, as keepalived does without libmagic
        }
        boolean shebang = n >= 2 && head[0] == '#' && head[1] == '!';
        boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        return shebang || elf;
    }

    /**
     * keepalived's {@code check_security()}: walks "/", "/a", "/a/b", ... without following links. Returns its
     * message for the first problem, or null.
     */
    private static String pathProblem(Path file, boolean enableScriptSecurity) {
        String name = file.toString();
        List<Path> prefixes = new ArrayList<>();
        Path root = file.getRoot();
        prefixes.add(root);
        Path acc = root;
        for (Path part : file) {
            acc = acc.resolve(part);
            prefixes.add(acc);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            boolean last = i == prefixes.size() - 1;
            FileStat st;
            try {
                st = FileStat.of(prefixes.get(i), false);
            } catch (IOException e) {
                return "check_script_secure could not find script '" + name + "' - disabling";
            }
            if ((!last && !st.isDirectory()) || (last && !st.isRegular() && !st.isSymlink())) {
                return "Wrong file type found in script path '" + name + "'.";
            }
            boolean writableByOthers = ((st.isDirectory() && (st.mode & S_ISVTX) == 0) || st.isRegular())
                    && ((st.gid != 0 && (st.mode & S_IWGRP) != 0) || (st.mode & S_IWOTH) != 0);
            if (st.uid != 0 || writableByOthers) {
                return "Unsafe permissions found for script '" + name + "'"
                        + (enableScriptSecurity ? " - disabling" : "") + ".";
            }
        }
        return null;
    }

    private static Verdict disabled(String reason, List<String> warnings) {
        return new Verdict(null, reason, warnings, false);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
    }

    /** The parts of stat(2) the checks need, read through the JDK's "unix" attribute view. */
    record FileStat(int uid, int gid, int mode) {
        private static final int S_IFMT = 0170000;

        static FileStat of(Path p, boolean followLinks) throws IOException {
            LinkOption[] opts = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode", opts);
            return new FileStat((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"));
        }

        boolean isDirectory() {
            return (mode & S_IFMT) == 0040000;
        }

        boolean isRegular() {
            return (mode & S_IFMT) == 0100000;
        }

        boolean isSymlink() {
            return (mode & S_IFMT) == 0120000;
        }
    }
}
