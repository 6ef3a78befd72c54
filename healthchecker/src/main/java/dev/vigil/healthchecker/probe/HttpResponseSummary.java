package dev.vigil.healthchecker.probe;

import java.util.HexFormat;

/**
 * What an HTTP fetch produced.
 *
 * @param status        status code from the status line (0 if malformed), or -1 if no complete header arrived
 * @param md5           MD5 of the bytes after the header (the body as received, not de-chunked, as keepalived)
 * @param bodyBytes     number of body bytes received
 * @param contentLength the Content-Length header, or -1
 * @param headers       the raw header block (ISO-8859-1), empty if none
 * @param error         why the fetch failed (timeout, reset, too large), or {@code null} when the server closed
 *                      the connection normally
 * @param body          the first bytes of the body (ISO-8859-1) when the caller asked to keep them, else ""
 */
public record HttpResponseSummary(int status, byte[] md5, long bodyBytes, long contentLength, String headers,
                                  String error, String body) {

    public boolean receivedData() {
        return status >= 0;
    }

    public String md5Hex() {
        return HexFormat.of().formatHex(md5);
    }
}
