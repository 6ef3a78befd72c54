package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;

/** A real-server health checker; the real server is up only while all its checkers are. */
public sealed interface Checker {
    /** Connection settings (for MISC/FILE/BFD only delay_loop, warmup, retry and alpha are meaningful). */
    CheckerCommon common();

    record TcpCheck(CheckerCommon common) implements Checker {
    }

    /** HTTP_GET ({@code ssl} false) or SSL_GET. httpProtocol is "1.0", "1.0C" or "1.1". */
    record HttpCheck(CheckerCommon common, boolean ssl, List<UrlCheck> urls, String virtualhost, String httpProtocol,
            boolean enableSni, boolean fastRecovery) implements Checker {
        public HttpCheck {
            urls = List.copyOf(urls);
        }
    }

    /** misc_timeout null = delay_loop. */
    record MiscCheck(CheckerCommon common, String path, Duration timeout, boolean dynamic, String user, String group)
            implements Checker {
    }

    record SmtpCheck(CheckerCommon common, String heloName) implements Checker {
    }

    record DnsCheck(CheckerCommon common, String type, String name) implements Checker {
    }

    /** payload / requireReply as bytes (hex in the config); requireReply null = any reply (or none required). */
    record UdpCheck(CheckerCommon common, byte[] payload, boolean requireReply, byte[] replyData, int minReplyLength,
            int maxReplyLength) implements Checker {
    }

    record PingCheck(CheckerCommon common) implements Checker {
    }

    record FileCheck(CheckerCommon common, String trackFile, boolean dynamic, int weight, boolean reverse)
            implements Checker {
    }

    record BfdCheck(CheckerCommon common, String name) implements Checker {
    }
}
