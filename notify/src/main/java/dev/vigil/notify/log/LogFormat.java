package dev.vigil.notify.log;

/** How log lines look: one JSON object per line, or keepalived's text lines. */
public enum LogFormat {
    JSON,
    TEXT
}
