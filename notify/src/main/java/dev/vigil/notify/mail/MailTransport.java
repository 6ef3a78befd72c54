package dev.vigil.notify.mail;

/** Delivers one alert synchronously; the seam between {@link AlertQueue} and SMTP. */
public interface MailTransport {
    /**
     * Sends the alert, blocking until the server accepted it.
     *
     * @throws AlertDeliveryException when it was not accepted; {@link AlertDeliveryException#permanent()} tells
     *                                whether trying again can help
     */
    void send(AlertMessage alert) throws AlertDeliveryException;

    /** The server, for log lines. */
    String describe();
}
