/** Vigil ipvs-sync module. */
package dev.vigil.ipvs;
