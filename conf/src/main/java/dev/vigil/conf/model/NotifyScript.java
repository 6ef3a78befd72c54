package dev.vigil.conf.model;

/** A notify command line as written (keepalived script-string syntax) and the optional user/group to run it as. */
public record NotifyScript(String command, String user, String group) {
}
