/** Receive-side validation of adverts in keepalived 2.2.7 order, with its counters and log lines. */
package dev.vigil.vrrp.validate;
