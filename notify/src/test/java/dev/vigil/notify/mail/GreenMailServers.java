package dev.vigil.notify.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail servers with a startup timeout that tolerates a loaded build machine. */
final class GreenMailServers {
    private GreenMailServers() {
    }

    static GreenMail start(ServerSetup setup) {
        ServerSetup patient = setup.createCopy();
        patient.setServerStartupTimeout(30_000);
        GreenMail mail = new GreenMail(patient);
        mail.start();
        return mail;
    }
}
