package dev.vigil.daemon.lab;

import java.util.List;

/**
 * The classic director pair the lab builds, all on one /24 inside the lab's own namespaces: two directors sharing a
 * VIP (VRRP instance VI_1, VRID 51, PASS auth), two real servers, a client and a mail host. Addresses only ever exist
 * inside the lab, so every lab can use the same ones.
 */
final class LabTopology {
    static final String VIP = "10.77.0.100";
    static final int HTTP_PORT = 80;
    static final int SMTP_PORT = 25;
    static final String INSTANCE = "VI_1";
    static final int VRID = 51;
    static final String AUTH_PASS = "vigilLab";
    static final String MAIL_TO = "ops@vigil.lab";

    /** A director: its host, router_id, configured state and priority. */
    record Director(String host, String name, String ip, String state, int priority) {
    }

    /** A real server (or the client, or the mail host): its host name, display name and address. */
    record Machine(String host, String name, String ip) {
    }

    static final Director DIRECTOR1 = new Director("d1", "director1", "10.77.0.1", "MASTER", 150);
    static final Director DIRECTOR2 = new Director("d2", "director2", "10.77.0.2", "BACKUP", 100);
    static final List<Machine> REAL_SERVERS = List.of(new Machine("rs1", "realserver1", "10.77.0.11"),
            new Machine("rs2", "realserver2", "10.77.0.12"));
    static final Machine CLIENT = new Machine("cl", "client", "10.77.0.50");
    static final Machine MAIL = new Machine("mx", "mail", "10.77.0.25");

    private LabTopology() {
    }
}
