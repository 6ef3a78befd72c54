/** keepalived's notify FIFOs: line formats ({@link dev.vigil.notify.fifo.FifoLines}) and non-blocking writers. */
package dev.vigil.notify.fifo;
