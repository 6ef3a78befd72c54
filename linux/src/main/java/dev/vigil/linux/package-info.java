/**
 * Vigil's only native code. {@link dev.vigil.linux.LibC} is the single JNA binding; {@link
 * dev.vigil.linux.Structs} lays out the C structs; everything else is pure Java over ByteBuffer. Also network
 * namespace entry ({@link dev.vigil.linux.NetNamespace}), capability self-check and errno names.
 */
package dev.vigil.linux;
