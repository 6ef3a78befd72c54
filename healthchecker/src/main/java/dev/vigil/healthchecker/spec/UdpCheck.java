package dev.vigil.healthchecker.spec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * UDP_CHECK.
 *
 * @param payload        bytes to send (empty datagram when null)
 * @param requireReply   a reply must arrive within connect_timeout
 * @param replyPrefix    when not null, the reply must start with these bytes
 * @param minReplyLength minimum reply length (0 = none)
 * @param maxReplyLength maximum reply length (0 = none)
 */
public record UdpCheck(CheckCommon common, byte[] payload, boolean requireReply, byte[] replyPrefix,
                       int minReplyLength, int maxReplyLength) implements CheckerSpec {
    @Override
    public CheckerKind kind() {
        return CheckerKind.UDP_CHECK;
    }

    /** Compares the byte arrays by content, so an unchanged checker is recognised on reload. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UdpCheck u && common.equals(u.common) && Arrays.equals(payload, u.payload)
                && requireReply == u.requireReply && Arrays.equals(replyPrefix, u.replyPrefix)
                && minReplyLength == u.minReplyLength && maxReplyLength == u.maxReplyLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(common, Arrays.hashCode(payload), requireReply, Arrays.hashCode(replyPrefix),
                minReplyLength, maxReplyLength);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "UdpCheck[common=" + common + ", payload=" + (payload == null ? null : hex.formatHex(payload))
                + ", requireReply=" + requireReply + ", replyPrefix="
                + (replyPrefix == null ? null : hex.formatHex(replyPrefix)) + ", minReplyLength=" + minReplyLength
                + ", maxReplyLength=" + maxReplyLength + "]";
    }
}
