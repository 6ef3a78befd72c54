package dev.vigil.linux.rtnl;

/** An address was added to or removed from an interface (RTM_NEWADDR / RTM_DELADDR). */
public record AddressEvent(InterfaceAddress address, boolean removed) implements RtnlEvent {
}
