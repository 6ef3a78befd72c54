/** Vigil healthchecker module. */
package dev.vigil.healthchecker;
