package dev.vigil.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptSecurityTest {

    private static final PosixUser ROOT = new PosixUser("root", 0, 0);

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void safeDir() throws IOException {
        // the path checks judge files created here as root-owned: meaningful only when the tests run as root
        org.junit.jupiter.api.Assumptions.assumeTrue(PosixUser.current().uid() == 0, "needs root");
        // @TempDir lives under /tmp (root-owned, sticky); our own sub-directory is root-owned 0755.
        dir = Files.createDirectory(tmp.resolve("scripts"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static ScriptSecurity.Verdict eval(String cmd, boolean security) {
        return ScriptSecurity.evaluate(ScriptCommand.parse(cmd), ROOT, security);
    }

    @Test
    void safeExecutableRunsDirectly() throws IOException {
        Path s = ScriptFiles.shell(dir, "ok.sh", "exit 0");
        ScriptSecurity.Verdict v = eval(s + " arg", true);
        assertTrue(v.runnable());
        assertFalse(v.script().viaShell());
        assertEquals(List.of(s.toRealPath().toString(), "arg"), v.script().argv());
        assertFalse(v.insecure());
        assertEquals(List.of(), v.warnings());
    }

    @Test
    void missingFileIsDisabled() {
        ScriptSecurity.Verdict v = eval(dir + "/nope.sh", true);
        assertFalse(v.runnable());
        assertEquals("Script " + dir + "/nope.sh cannot be accessed - No such file or directory", v.disabledReason());
    }

    @Test
    void nonExecutableIsDisabledWithKeepalivedsWarning() throws IOException {
        Path s = ScriptFiles.write(dir, "plain.sh", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        ScriptSecurity.Verdict v = eval(s.toString(), false);
        assertFalse(v.runnable());
        assertEquals("WARNING - script '" + s.toRealPath() + "' is not executable for uid:gid 0:0 - disabling.",
                v.disabledReason());
    }

    @Test
    void bareNameIsPathSearchedWithAWarning() throws IOException {
        ScriptFiles.shell(dir, "mycheck", "exit 0");
        ScriptSecurity.Verdict v = ScriptSecurity.evaluate(ScriptCommand.parse("mycheck -0 x"), ROOT, true,
                Map.of("PATH", "/nonexistent:" + dir));
        assertTrue(v.runnable());
        assertEquals(List.of("WARNING - script `mycheck` resolved by path search to `" + dir
                + "/mycheck`. Please specify full path."), v.warnings());
        assertEquals(List.of(dir.toRealPath() + "/mycheck", "-0", "x"), v.script().argv());
    }

    @Test
    void bareNameNotInPathIsDisabled() {
        ScriptSecurity.Verdict v = ScriptSecurity.evaluate(ScriptCommand.parse("no-such-cmd-vigil"), ROOT, false,
                Map.of("PATH", dir.toString()));
        assertEquals("Cannot find script no-such-cmd-vigil in path - disabling", v.disabledReason());
    }

    @Test
    void bareNameFoundButNotExecutableIsAPermissionFailure() throws IOException {
        ScriptFiles.write(dir, "noexec", "#!/bin/sh\n", "rw-r--r--");
        ScriptSecurity.Verdict v = ScriptSecurity.evaluate(ScriptCommand.parse("noexec"), ROOT, false,
                Map.of("PATH", dir.toString()));
        assertEquals("Permissions failure for script noexec in path - disabling", v.disabledReason());
    }

    @Test
    void redirectionTestGoesToTheShellUnchecked() {
        ScriptSecurity.Verdict v = eval("</dev/tcp/127.0.0.1/80", true);
        assertTrue(v.runnable());
        assertTrue(v.script().viaShell());
        assertTrue(ScriptSecurity.isRedirection("< \t/x"));
        assertFalse(ScriptSecurity.isRedirection("<x"));
    }

    @Test
    void fileWithoutShebangRunsViaShell() throws IOException {
        Path s = ScriptFiles.write(dir, "noshebang", "exit 3\n", "rwxr-xr-x");
        ScriptSecurity.Verdict v = eval(s.toString(), true);
        assertTrue(v.script().viaShell());
        assertEquals(List.of("Please add a #! shebang to script " + s.toRealPath()), v.warnings());
    }

    @Test
    void binaryRunsDirectly() {
        ScriptSecurity.Verdict v = eval("/bin/true", true);
        assertFalse(v.script().viaShell());
    }

    @Test
    void worldWritableScriptIsDisabledOnlyWithScriptSecurity() throws IOException {
        Path s = ScriptFiles.write(dir, "ww.sh", "#!/bin/sh\n", "rwxrwxrwx");
        ScriptSecurity.Verdict on = eval(s.toString(), true);
        assertFalse(on.runnable());
        assertTrue(on.insecure());
        assertEquals("Unsafe permissions found for script '" + s.toRealPath() + "' - disabling.", on.disabledReason());

        ScriptSecurity.Verdict off = eval(s.toString(), false);
        assertTrue(off.runnable());
        assertTrue(off.insecure());
        assertEquals(List.of("Unsafe permissions found for script '" + s.toRealPath() + "'."), off.warnings());
    }

    @Test
    void writableParentDirectoryIsUnsafe() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path s = ScriptFiles.shell(dir, "x.sh", "exit 0");
        ScriptSecurity.Verdict v = eval(s.toString(), true);
        assertFalse(v.runnable());
        assertTrue(v.disabledReason().startsWith("Unsafe permissions found for script"));
    }

    @Test
    void nonRootOwnerIsUnsafeButNotCheckedForNonRootUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(PosixUser.current().uid() == 0, "needs root to chown");
        Path s = ScriptFiles.shell(dir, "nobody.sh", "exit 0");
        PosixUser nobody = PosixUser.lookup("nobody", null).orElseThrow();
        Files.setOwner(s, s.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertFalse(eval(s.toString(), true).runnable());
        // A script run as a non-root user needs no protection (keepalived's need_script_protection).
        ScriptSecurity.Verdict v = ScriptSecurity.evaluate(ScriptCommand.parse(s.toString()), nobody, true);
        assertTrue(v.runnable());
        assertFalse(v.insecure());
    }

    @Test
    void symlinkKeepsTheCalledName() throws IOException {
        Path target = ScriptFiles.shell(dir, "real.sh", "exit 0");
        Path link = Files.createSymbolicLink(tmp.resolve("link.sh"), target);
        ScriptSecurity.Verdict v = eval(link.toString(), true);
        assertTrue(v.runnable());
        assertEquals(target.toRealPath().toString(), v.script().argv().get(0));
    }

    @Test
    void unknownUserIsRejected() {
        ScriptSecurity.Verdict v = ScriptSecurity.evaluate(ScriptCommand.parse("/bin/true", "no-such-user-vigil",
                null), ROOT, false);
        assertFalse(v.runnable());
        assertNull(v.script());
        assertEquals("Invalid user/group for script /bin/true - ignoring", v.disabledReason());
    }

    @Test
    void checkReturnsOnlyDisablingMessages() throws IOException {
        Path ok = ScriptFiles.shell(dir, "fine.sh", "exit 0");
        assertTrue(ScriptSecurity.check(ScriptCommand.parse(ok.toString()), true).isEmpty());
        Path ww = ScriptFiles.write(dir, "open.sh", "#!/bin/sh\n", "rwxrwxrwx");
        // insecure but allowed without script security (keepalived logs SECURITY VIOLATION once)
        assertTrue(ScriptSecurity.check(ScriptCommand.parse(ww.toString()), false).isEmpty());
        assertEquals("Unsafe permissions found for script '" + ww.toRealPath() + "' - disabling.",
                ScriptSecurity.check(ScriptCommand.parse(ww.toString()), true).orElseThrow());
        assertTrue(ScriptSecurity.check(ScriptCommand.parse(dir + "/absent"), false).isPresent());
    }
}
