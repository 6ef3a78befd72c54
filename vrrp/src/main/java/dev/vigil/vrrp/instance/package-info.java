/** The per-instance VRRP state machine: events and time in, actions out. */
package dev.vigil.vrrp.instance;
