/** Structured events, one log line each; every event name is documented in docs/events.md. */
package dev.vigil.notify.events;
