package dev.vigil.ipvs.netlink;

/** IPVS generic-netlink constants ({@code include/uapi/linux/ip_vs.h}). */
public final class IpvsGenl {
    public static final String FAMILY_NAME = "IPVS";
    public static final int VERSION = 1;

    // IPVS_CMD_*
    public static final int CMD_NEW_SERVICE = 1;
    public static final int CMD_SET_SERVICE = 2;
    public static final int CMD_DEL_SERVICE = 3;
    public static final int CMD_GET_SERVICE = 4;
    public static final int CMD_NEW_DEST = 5;
    public static final int CMD_SET_DEST = 6;
    public static final int CMD_DEL_DEST = 7;
    public static final int CMD_GET_DEST = 8;
    public static final int CMD_NEW_DAEMON = 9;
    public static final int CMD_DEL_DAEMON = 10;
    public static final int CMD_GET_DAEMON = 11;
    public static final int CMD_SET_CONFIG = 12;
    public static final int CMD_GET_CONFIG = 13;
    public static final int CMD_SET_INFO = 14;
    public static final int CMD_GET_INFO = 15;
    public static final int CMD_ZERO = 16;
    public static final int CMD_FLUSH = 17;

    // IPVS_CMD_ATTR_*
    public static final int CMD_ATTR_SERVICE = 1;
    public static final int CMD_ATTR_DEST = 2;
    public static final int CMD_ATTR_DAEMON = 3;
    public static final int CMD_ATTR_TIMEOUT_TCP = 4;
    public static final int CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    public static final int CMD_ATTR_TIMEOUT_UDP = 6;

    // IPVS_SVC_ATTR_*
    public static final int SVC_ATTR_AF = 1;
    public static final int SVC_ATTR_PROTOCOL = 2;
    public static final int SVC_ATTR_ADDR = 3;
    public static final int SVC_ATTR_PORT = 4;
    public static final int SVC_ATTR_FWMARK = 5;
    public static final int SVC_ATTR_SCHED_NAME = 6;
    public static final int SVC_ATTR_FLAGS = 7;
    public static final int SVC_ATTR_TIMEOUT = 8;
    public static final int SVC_ATTR_NETMASK = 9;
    public static final int SVC_ATTR_STATS = 10;
    public static final int SVC_ATTR_PE_NAME = 11;
    public static final int SVC_ATTR_STATS64 = 12;

    // IPVS_DEST_ATTR_*
    public static final int DEST_ATTR_ADDR = 1;
    public static final int DEST_ATTR_PORT = 2;
    public static final int DEST_ATTR_FWD_METHOD = 3;
    public static final int DEST_ATTR_WEIGHT = 4;
    public static final int DEST_ATTR_U_THRESH = 5;
    public static final int DEST_ATTR_L_THRESH = 6;
    public static final int DEST_ATTR_ACTIVE_CONNS = 7;
    public static final int DEST_ATTR_INACT_CONNS = 8;
    public static final int DEST_ATTR_PERSIST_CONNS = 9;
    public static final int DEST_ATTR_STATS = 10;
    public static final int DEST_ATTR_ADDR_FAMILY = 11;
    public static final int DEST_ATTR_STATS64 = 12;
    public static final int DEST_ATTR_TUN_TYPE = 13;
    public static final int DEST_ATTR_TUN_PORT = 14;
    public static final int DEST_ATTR_TUN_FLAGS = 15;

    // IPVS_DAEMON_ATTR_*
    public static final int DAEMON_ATTR_STATE = 1;
    public static final int DAEMON_ATTR_MCAST_IFN = 2;
    public static final int DAEMON_ATTR_SYNC_ID = 3;
    public static final int DAEMON_ATTR_SYNC_MAXLEN = 4;
    public static final int DAEMON_ATTR_MCAST_GROUP = 5;
    public static final int DAEMON_ATTR_MCAST_GROUP6 = 6;
    public static final int DAEMON_ATTR_MCAST_PORT = 7;
    public static final int DAEMON_ATTR_MCAST_TTL = 8;

    // IPVS_STATS_ATTR_* (u32 in STATS except the byte counters; everything u64 in STATS64)
    public static final int STATS_ATTR_CONNS = 1;
    public static final int STATS_ATTR_INPKTS = 2;
    public static final int STATS_ATTR_OUTPKTS = 3;
    public static final int STATS_ATTR_INBYTES = 4;
    public static final int STATS_ATTR_OUTBYTES = 5;
    public static final int STATS_ATTR_CPS = 6;
    public static final int STATS_ATTR_INPPS = 7;
    public static final int STATS_ATTR_OUTPPS = 8;
    public static final int STATS_ATTR_INBPS = 9;
    public static final int STATS_ATTR_OUTBPS = 10;

    // IPVS_INFO_ATTR_*
    public static final int INFO_ATTR_VERSION = 1;
    public static final int INFO_ATTR_CONN_TAB_SIZE = 2;

    private IpvsGenl() {
    }

    /** The command's name as in ip_vs.h, for messages ("NEW_DEST"). */
    public static String commandName(int cmd) {
        return switch (cmd) {
            case CMD_NEW_SERVICE -> "NEW_SERVICE";
            case CMD_SET_SERVICE -> "SET_SERVICE";
            case CMD_DEL_SERVICE -> "DEL_SERVICE";
            case CMD_GET_SERVICE -> "GET_SERVICE";
            case CMD_NEW_DEST -> "NEW_DEST";
            case CMD_SET_DEST -> "SET_DEST";
            case CMD_DEL_DEST -> "DEL_DEST";
            case CMD_GET_DEST -> "GET_DEST";
            case CMD_NEW_DAEMON -> "NEW_DAEMON";
            case CMD_DEL_DAEMON -> "DEL_DAEMON";
            case CMD_GET_DAEMON -> "GET_DAEMON";
            case CMD_SET_CONFIG -> "SET_CONFIG";
            case CMD_GET_CONFIG -> "GET_CONFIG";
            case CMD_SET_INFO -> "SET_INFO";
            case CMD_GET_INFO -> "GET_INFO";
            case CMD_ZERO -> "ZERO";
            case CMD_FLUSH -> "FLUSH";
            default -> "CMD_" + cmd;
        };
    }
}
