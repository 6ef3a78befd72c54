/** Vigil linux module. */
package dev.vigil.linux;
