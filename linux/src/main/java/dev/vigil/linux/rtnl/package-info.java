/**
 * rtnetlink: interface addresses (VIPs), routes (virtual_routes), interface lookup and link/address change
 * notifications. Codecs ({@code *Codec}) are pure; managers do the request/ACK exchange on a caller-owned socket.
 */
package dev.vigil.linux.rtnl;
