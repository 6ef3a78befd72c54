/**
 * Netlink over a raw {@code AF_NETLINK} socket: message builder and parser (pure code over ByteBuffer, native
 * byte order, 4-byte alignment), the request/dump/ACK exchange, and generic netlink family resolution.
 */
package dev.vigil.linux.netlink;
