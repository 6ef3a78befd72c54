package dev.vigil.conf.model;

/** lb_kind / lvs_method. */
public enum ForwardingMethod { NAT, DR, TUN }
