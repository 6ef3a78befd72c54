package dev.vigil.vrrp.codec;

/** Outcome of {@link AdvertDecoder#decode}: a parsed advert, or a reason the bytes are not one. */
public sealed interface DecodeResult {

    /** The datagram holds at least a complete IP and VRRP header. */
    record Decoded(ReceivedAdvert packet) implements DecodeResult {}

    /** Too short or not IPv4; {@code logLine} is keepalived's text for it. */
    record Malformed(String logLine) implements DecodeResult {}
}
