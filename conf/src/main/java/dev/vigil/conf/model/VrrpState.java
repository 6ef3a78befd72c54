package dev.vigil.conf.model;

/** The initial state a VRRP instance asks for ({@code state MASTER|BACKUP}). */
public enum VrrpState { MASTER, BACKUP }
