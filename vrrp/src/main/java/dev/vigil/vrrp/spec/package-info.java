/** Immutable per-instance settings the protocol core runs on (mapped from the parsed configuration). */
package dev.vigil.vrrp.spec;
