package dev.vigil.healthchecker.spec;

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
}
