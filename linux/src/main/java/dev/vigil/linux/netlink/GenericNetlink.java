package dev.vigil.linux.netlink;

import dev.vigil.linux.Errno;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generic netlink control family ({@code include/uapi/linux/genetlink.h}): resolving families by name. */
public final class GenericNetlink {
    /** {@code struct genlmsghdr}: u8 cmd, u8 version, u16 reserved. */
    public static final int GENL_HDRLEN = 4;
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_VERSION = 1;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** What the kernel reports about a generic netlink family. */
    public record Family(String name, int id, int version, int headerSize, int maxAttr,
                         Map<String, Integer> multicastGroups) {
    }

    private GenericNetlink() {
    }

    /**
     * The numeric id of family {@code name} (e.g. "IPVS").
     *
     * @throws NetlinkException with errno ENOENT when the kernel has no such family (module not loaded)
     */
    public static int resolveFamily(NetlinkSocket genl, String name) throws NetlinkException {
        return describeFamily(genl, name).id();
    }

    /** The family's id, version, header size, attribute count and multicast groups. */
    public static Family describeFamily(NetlinkSocket genl, String name) throws NetlinkException {
        ByteBuffer req = new NetlinkMessageBuilder(GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .genlHeader(CTRL_CMD_GETFAMILY, CTRL_VERSION)
                .attrString(CTRL_ATTR_FAMILY_NAME, name)
                .build();
        List<ByteBuffer> replies;
        try {
            replies = genl.request(req);
        } catch (NetlinkException e) {
            throw new NetlinkException(e.errno(), "generic netlink family \"" + name + "\" not resolved",
                    e.kernelMessage());
        }
        if (replies.isEmpty()) {
            throw new NetlinkException(Errno.ENOENT, "generic netlink family \"" + name + "\" absent");
        }
        NlAttributes a = NetlinkMessage.parse(replies.get(0)).attributes(GENL_HDRLEN);
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (NlAttributes g : a.nestedList(CTRL_ATTR_MCAST_GROUPS)) {
            groups.put(g.string(CTRL_ATTR_MCAST_GRP_NAME), g.u32(CTRL_ATTR_MCAST_GRP_ID));
        }
        return new Family(a.string(CTRL_ATTR_FAMILY_NAME), a.u16(CTRL_ATTR_FAMILY_ID),
                a.has(CTRL_ATTR_VERSION) ? a.u32(CTRL_ATTR_VERSION) : 0,
                a.has(CTRL_ATTR_HDRSIZE) ? a.u32(CTRL_ATTR_HDRSIZE) : 0,
                a.has(CTRL_ATTR_MAXATTR) ? a.u32(CTRL_ATTR_MAXATTR) : 0,
                Map.copyOf(groups));
    }
}
