/** Vigil notify module. */
package dev.vigil.notify;
