/**
 * Vigil vrrp module: the VRRPv2 protocol core (codec, validation, instance and sync-group state machines),
 * pure code driven by events and injected time. See vrrp/README.md.
 */
package dev.vigil.vrrp;
