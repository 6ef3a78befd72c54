/** Vigil vrrp module. */
package dev.vigil.vrrp;
