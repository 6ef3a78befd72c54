/** Per-instance counters and the keepalived.stats text layout. */
package dev.vigil.vrrp.stats;
