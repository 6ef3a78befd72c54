/** Logging setup (JSON or keepalived text; stderr, file, syslog) and secret masking. */
package dev.vigil.notify.log;
