/** VRRPv2 wire format: advert encoder/decoder, IPv4 header for IP_HDRINCL, gratuitous ARP frame. No I/O. */
package dev.vigil.vrrp.codec;
