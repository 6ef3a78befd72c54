package dev.vigil.linux.rtnl;

/**
 * A link appeared, changed or disappeared (RTM_NEWLINK / RTM_DELLINK). The kernel sends RTM_NEWLINK for any
 * attribute change, so consecutive events may carry the same {@link #up} value: compare with the last one.
 *
 * @param up IFF_UP and IFF_RUNNING both set (false for a deleted link)
 * @param flags IFF_* as reported
 */
public record LinkEvent(int ifindex, String name, boolean up, OperState operstate, int flags, boolean deleted)
        implements RtnlEvent {

    static LinkEvent of(InterfaceInfo link, boolean deleted) {
        return new LinkEvent(link.index(), link.name(), !deleted && link.isUp(), link.operState(), link.flags(),
                deleted);
    }
}
