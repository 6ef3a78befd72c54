/**
 * Sockets for VRRP and gratuitous ARP: raw IPv4 (protocol 112), AF_PACKET, and a ppoll-based {@link
 * dev.vigil.linux.socket.Poller} for a timer-driven event loop.
 */
package dev.vigil.linux.socket;
