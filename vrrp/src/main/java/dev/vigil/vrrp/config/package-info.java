/**
 * keepalived.conf's VRRP sections mapped onto the protocol core's specs ({@link dev.vigil.vrrp.config.InstanceSpecs}),
 * plus what only the runtime needs (how VIPs are installed, virtual routes, track script commands).
 */
package dev.vigil.vrrp.config;
