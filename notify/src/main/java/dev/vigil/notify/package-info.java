/**
 * Vigil notifications: {@link dev.vigil.notify.NotifyDispatcher} turns VRRP and LVS state changes into keepalived's
 * notify scripts, FIFO lines and alert mails (sub-packages {@code mail}, {@code fifo}); {@code log} and
 * {@code events} provide the structured logs.
 */
package dev.vigil.notify;
