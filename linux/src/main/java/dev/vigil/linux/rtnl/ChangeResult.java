package dev.vigil.linux.rtnl;

/**
 * Outcome of an idempotent-minded kernel change. "Already" outcomes are the kernel's EEXIST on add and
 * EADDRNOTAVAIL (addresses) / ESRCH (routes) on delete, reported apart from real failures, which throw.
 */
public enum ChangeResult {
    APPLIED, ALREADY_PRESENT, ALREADY_ABSENT
}
