/**
 * The VRRP runtime: one "vrrp" thread driving the pure instance state machines with real sockets, timers, link
 * events and track scripts ({@link dev.vigil.vrrp.runtime.VrrpRuntime}), reporting to a
 * {@link dev.vigil.vrrp.runtime.VrrpListener}.
 */
package dev.vigil.vrrp.runtime;
