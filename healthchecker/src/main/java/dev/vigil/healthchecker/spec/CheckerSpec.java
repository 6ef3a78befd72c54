package dev.vigil.healthchecker.spec;

/** One checker of a real server (TCP_CHECK, HTTP_GET, ...). Placeholder until the conf model carries checkers. */
public sealed interface CheckerSpec
        permits TcpCheck, HttpGet, SslGet, MiscCheck, SmtpCheck, DnsCheck, UdpCheck, PingCheck, FileCheck {

    CheckCommon common();

    CheckerKind kind();
}
