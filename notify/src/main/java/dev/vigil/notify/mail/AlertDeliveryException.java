package dev.vigil.notify.mail;

/** An alert was not accepted by the mail server. */
public final class AlertDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    /**
     * @param message   keepalived-style description, e.g. {@code SMTP connection ERROR to [127.0.0.1]:25.}
     * @param permanent true when retrying cannot help (authentication refused, a 5xx reply)
     */
    public AlertDeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
