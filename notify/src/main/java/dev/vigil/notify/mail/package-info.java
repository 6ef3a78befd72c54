/**
 * Alert mail: keepalived 2.2.7's subjects and bodies ({@link dev.vigil.notify.mail.AlertMessage}), which events mail
 * ({@link dev.vigil.notify.mail.AlertPolicy}), SMTP delivery with Jakarta Mail
 * ({@link dev.vigil.notify.mail.SmtpMailer}, {@link dev.vigil.notify.mail.EmailSettings}) and the queue that never
 * blocks the caller nor loses an alert silently ({@link dev.vigil.notify.mail.AlertQueue}).
 */
package dev.vigil.notify.mail;
