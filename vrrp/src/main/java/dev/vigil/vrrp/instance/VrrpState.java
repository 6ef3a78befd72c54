package dev.vigil.vrrp.instance;

/** keepalived's instance states; STOP is entered on shutdown and never left. */
public enum VrrpState { INIT, BACKUP, MASTER, FAULT, STOP }
