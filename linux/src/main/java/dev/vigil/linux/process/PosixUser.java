package dev.vigil.linux.process;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * A resolved {@code user [group]} for running a script.
 *
 * @param name user name
 * @param uid  numeric user id
 * @param gid  numeric group id (the named group, else the user's primary group)
 */
public record PosixUser(String name, int uid, int gid) {

    /** keepalived's default script user, used when it exists. */
    public static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... } on LP64 Linux
    private static final long PW_UID_OFFSET = 2L * Native.POINTER_SIZE;
    private static final long PW_GID_OFFSET = PW_UID_OFFSET + 4;
    // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; ... }
    private static final long GR_GID_OFFSET = 2L * Native.POINTER_SIZE;

    /** The user this JVM runs as. */
    public static PosixUser current() {
        int uid = PosixLibC.INSTANCE.geteuid();
        int gid = PosixLibC.INSTANCE.getegid();
        synchronized (PosixLibC.INSTANCE) {
            Pointer pw = PosixLibC.INSTANCE.getpwuid(uid);
            String name = pw == null ? Integer.toString(uid) : pw.getPointer(0).getString(0);
            return new PosixUser(name, uid, gid);
        }
    }

    /** keepalived's default: {@code keepalived_script} if it exists, else the current user. */
    public static PosixUser defaultScriptUser() {
        return lookup(DEFAULT_SCRIPT_USER, null).orElseGet(PosixUser::current);
    }

    /**
     * Looks up {@code user [group]}; empty if the user or the group does not exist. A numeric user or group is
     * accepted as an id.
     */
    public static Optional<PosixUser> lookup(String user, String group) {
        synchronized (PosixLibC.INSTANCE) {
            Pointer pw = PosixLibC.INSTANCE.getpwnam(user);
            int uid;
            int gid;
            if (pw != null) {
                uid = pw.getInt(PW_UID_OFFSET);
                gid = pw.getInt(PW_GID_OFFSET);
            } else if (user.chars().allMatch(Character::isDigit) && !user.isEmpty()) {
                uid = Integer.parseInt(user);
                gid = uid;
            } else {
                return Optional.empty();
            }
            if (group != null) {
                Pointer gr = PosixLibC.INSTANCE.getgrnam(group);
                if (gr != null) {
                    gid = gr.getInt(GR_GID_OFFSET);
                } else if (group.chars().allMatch(Character::isDigit) && !group.isEmpty()) {
                    gid = Integer.parseInt(group);
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(new PosixUser(user, uid, gid));
        }
    }

    /** Resolves a command's user, falling back to {@code defaultUser} when the command names none. */
    static Optional<PosixUser> forCommand(ScriptCommand cmd, PosixUser defaultUser) {
        return cmd.user() == null ? Optional.of(defaultUser) : lookup(cmd.user(), cmd.group());
    }
}
