package dev.vigil.notify.mail;

/**
 * The real-server checkers, each with the alert body keepalived 2.2.7 mails when it changes a real server's state
 * (check/check_*.c). HTTP_GET and SSL_GET share keepalived's HTTP texts.
 */
public enum CheckerKind {
    TCP("=> TCP CHECK succeed on service <=", "=> TCP CHECK failed on service <="),
    HTTP("=> CHECK succeed on service <=", "=> CHECK failed on service : HTTP request failed <="),
    SSL("=> CHECK succeed on service <=", "=> CHECK failed on service : HTTP request failed <="),
    /** The failure body carries the checker's reason: {@code => CHECK failed on service : <detail> <=}. */
    SMTP("=> CHECK succeed on service <=", null),
    /** Outcome word is {@code succeeded}, {@code failed} or {@code timed out}. */
    MISC("=> MISC CHECK succeeded on service <=", "=> MISC CHECK failed on service <="),
    DNS("=> DNS_CHECK: succeed on service <=", "=> DNS_CHECK: failed on service <="),
    PING("=> ICMP CHECK succeed on service <=", "=> ICMP CHECK failed on service <="),
    UDP("=> UDP CHECK succeed on service <=", "=> UDP CHECK failed on service <="),
    /** keepalived 2.2.7 sends no mail for FILE_CHECK; Vigil's text, used only when {@link AlertPolicy#fileCheckEmails()}. */
    FILE("=> FILE CHECK succeed on service <=", "=> FILE CHECK failed on service <="),
    /** The bodies name the BFD instance: {@code => BFD CHECK <bfd> succeeded on service <=}. */
    BFD(null, null);

    private final String upBody;
    private final String downBody;

    CheckerKind(String upBody, String downBody) {
        this.upBody = upBody;
        this.downBody = downBody;
    }

    /**
     * The body for a checker verdict.
     *
     * @param detail SMTP: the failure reason; BFD: the bfd instance name; otherwise ignored
     */
    public String body(CheckVerdict verdict, String detail) {
        return switch (this) {
            case MISC -> "=> MISC CHECK " + switch (verdict) {
                case SUCCEEDED -> "succeeded";
                case FAILED -> "failed";
                case TIMED_OUT -> "timed out";
            } + " on service <=";
            case BFD -> "=> BFD CHECK " + detail + " " + (verdict == CheckVerdict.SUCCEEDED ? "succeeded" : "failed")
                    + " on service <=";
            case SMTP -> verdict == CheckVerdict.SUCCEEDED ? upBody
                    : "=> CHECK failed on service : " + (detail == null ? "" : detail) + " <=";
            default -> verdict == CheckVerdict.SUCCEEDED ? upBody : downBody;
        };
    }
}
