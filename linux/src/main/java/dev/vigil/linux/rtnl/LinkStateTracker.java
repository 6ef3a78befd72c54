package dev.vigil.linux.rtnl;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reduces the kernel's chatty RTM_NEWLINK stream to real up/down transitions per interface, logging each as
 * keepalived does ({@code Netlink reports IF up|down}). Pure state: feed it events from a {@link LinkMonitor}.
 */
public final class LinkStateTracker {
    private static final Logger LOG = LoggerFactory.getLogger(LinkStateTracker.class);

    private final Map<Integer, Boolean> up = new HashMap<>();

    /** Records the current state (from {@link InterfaceLookup#all()}) without reporting transitions. */
    public void seed(Collection<InterfaceInfo> links) {
        for (InterfaceInfo link : links) {
            up.put(link.index(), link.isUp());
        }
    }

    /**
     * The event if it changes the interface's up state (a deleted link counts as down; an interface seen for the
     * first time counts as a change), else empty.
     */
    public Optional<LinkEvent> update(LinkEvent event) {
        Boolean before = event.deleted() ? up.remove(event.ifindex()) : up.put(event.ifindex(), event.up());
        boolean now = !event.deleted() && event.up();
        boolean changed = event.deleted() ? Boolean.TRUE.equals(before) : before == null || before != now;
        if (!changed) {
            return Optional.empty();
        }
        LOG.info("Netlink reports {} {}", event.name(), now ? "up" : "down");
        return Optional.of(event);
    }

    /** Last known state, empty for an interface never seen. */
    public Optional<Boolean> isUp(int ifindex) {
        return Optional.ofNullable(up.get(ifindex));
    }
}
