package dev.vigil.daemon.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message as the lab's SMTP server stored it: its headers (first occurrence of each name), the body exactly as
 * sent (after the blank line), and when it arrived (epoch ms, the server's clock, which is this machine's).
 */
record ReceivedMail(long receivedAtMillis, Map<String, String> headers, String body) {

    static ReceivedMail parse(long receivedAtMillis, String raw) {
        int split = raw.indexOf("\r\n\r\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\r\n(?![ \t])")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return new ReceivedMail(receivedAtMillis, headers, body);
    }

    String subject() {
        return headers.get("Subject");
    }

    @Override
    public String toString() {
        return receivedAtMillis + " " + headers + "\n" + body;
    }
}
