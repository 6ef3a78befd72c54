package dev.vigil.linux.rtnl;

/** A change notification from an rtnetlink multicast subscription. */
public sealed interface RtnlEvent permits LinkEvent, AddressEvent, RtnlEvent.Overrun {
    /** The kernel dropped notifications (ENOBUFS): the listener must re-read the state it tracks. */
    record Overrun() implements RtnlEvent {
    }
}
