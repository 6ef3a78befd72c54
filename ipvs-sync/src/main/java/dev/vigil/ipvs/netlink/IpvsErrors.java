package dev.vigil.ipvs.netlink;

import dev.vigil.linux.Errno;

import static dev.vigil.ipvs.netlink.IpvsGenl.*;

/**
 * What an errno means for a given IPVS command (the kernel reuses ESRCH for "no such service" and ENOENT for "no
 * such destination" or "no such scheduler"), and the legacy sockopt names keepalived prints in its error lines.
 */
public final class IpvsErrors {
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int ENOMEM = 12;
    private static final int EEXIST = 17;
    private static final int EINVAL = 22;
    private static final int EMSGSIZE = 90;
    private static final int EAFNOSUPPORT = 97;

    /** IP_VS_BASE_CTL: the legacy setsockopt numbers keepalived logs start here. */
    private static final int BASE_CTL = 64 + 1024 + 64;

    private IpvsErrors() {
    }

    public static String describe(int command, int errno) {
        boolean service = command == CMD_NEW_SERVICE || command == CMD_SET_SERVICE || command == CMD_DEL_SERVICE
                || command == CMD_GET_SERVICE || command == CMD_ZERO;
        boolean dest = command == CMD_NEW_DEST || command == CMD_SET_DEST || command == CMD_DEL_DEST
                || command == CMD_GET_DEST;
        switch (errno) {
            case EEXIST:
                if (command == CMD_NEW_SERVICE) {
                    return "Service already exists";
                }
                if (command == CMD_NEW_DEST) {
                    return "Destination already exists";
                }
                if (command == CMD_NEW_DAEMON) {
                    return "Daemon has already run";
                }
                break;
            case ESRCH:
                if (service) {
                    return "No such service";
                }
                if (dest) {
                    return "Service not defined";
                }
                if (command == CMD_DEL_DAEMON) {
                    return "No daemon is running";
                }
                break;
            case ENOENT:
                if (command == CMD_NEW_SERVICE || command == CMD_SET_SERVICE) {
                    return "Scheduler or persistence engine not found";
                }
                if (dest) {
                    return "No such destination";
                }
                break;
            case EPERM:
                return "Permission denied (you must be root)";
            case EINVAL:
                return "Invalid operation.  Possibly wrong module version, address not unicast, ...";
            case ENOMEM:
                return "Memory allocation problem";
            case EAFNOSUPPORT:
                return "Operation not supported with specified address family";
            case EMSGSIZE:
                return "Module is wrong version";
            default:
                break;
        }
        return Errno.describe(errno);
    }

    /** keepalived's name for the command ("IP_VS_SO_SET_ADDDEST"). */
    public static String legacyName(int command) {
        return switch (command) {
            case CMD_NEW_SERVICE -> "IP_VS_SO_SET_ADD";
            case CMD_SET_SERVICE -> "IP_VS_SO_SET_EDIT";
            case CMD_DEL_SERVICE -> "IP_VS_SO_SET_DEL";
            case CMD_NEW_DEST -> "IP_VS_SO_SET_ADDDEST";
            case CMD_SET_DEST -> "IP_VS_SO_SET_EDITDEST";
            case CMD_DEL_DEST -> "IP_VS_SO_SET_DELDEST";
            case CMD_FLUSH -> "IP_VS_SO_SET_FLUSH";
            case CMD_NEW_DAEMON -> "IP_VS_SO_SET_STARTDAEMON";
            case CMD_DEL_DAEMON -> "IP_VS_SO_SET_STOPDAEMON";
            case CMD_SET_CONFIG -> "IP_VS_SO_SET_TIMEOUT";
            case CMD_ZERO -> "IP_VS_SO_SET_ZERO";
            default -> "IPVS_CMD_" + commandName(command);
        };
    }

    /** The legacy sockopt number keepalived prints next to the name, or the genetlink command number. */
    public static int legacyNumber(int command) {
        return switch (command) {
            case CMD_NEW_SERVICE -> BASE_CTL + 2;
            case CMD_SET_SERVICE -> BASE_CTL + 3;
            case CMD_DEL_SERVICE -> BASE_CTL + 4;
            case CMD_FLUSH -> BASE_CTL + 5;
            case CMD_NEW_DEST -> BASE_CTL + 7;
            case CMD_DEL_DEST -> BASE_CTL + 8;
            case CMD_SET_DEST -> BASE_CTL + 9;
            case CMD_SET_CONFIG -> BASE_CTL + 10;
            case CMD_NEW_DAEMON -> BASE_CTL + 11;
            case CMD_DEL_DAEMON -> BASE_CTL + 12;
            case CMD_ZERO -> BASE_CTL + 15;
            default -> command;
        };
    }
}
