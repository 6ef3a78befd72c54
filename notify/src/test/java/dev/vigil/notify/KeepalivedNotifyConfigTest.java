package dev.vigil.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.SmtpSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived.conf, parsed by the conf module, mapped onto mail, policy, scripts and FIFOs. */
class KeepalivedNotifyConfigTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String text) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        LoadResult result = ConfigLoader.load(file, LoadOptions.defaults());
        assertFalse(result.hasErrors(), result.diagnostics().toString());
        return result.config();
    }

    @Test
    void emailPolicyScriptsAndFifos() throws Exception {
        KeepalivedConfig c = load("""
                global_defs {
                  router_id LB1
                  notification_email {
                    ops@example.com
                    oncall@example.com
                  }
                  notification_email_from ka1@example.com
                  smtp_server 10.0.0.5 2525
                  smtp_connect_timeout 7
                  smtp_helo_name lb1.example.com
                  smtp_alert_vrrp
                  no_email_faults
                  notify_fifo %s/all.fifo
                  vrrp_notify_fifo %s/vrrp.fifo nobody
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  notify_master "/etc/keepalived/master.sh 'a b'"
                  notify /etc/keepalived/notify.sh
                  virtual_ipaddress {
                    10.0.0.100/24
                  }
                }
                """.formatted(dir, dir));
        EmailSettings mail = KeepalivedNotifyConfig.emailSettings(c.globalDefs());
        assertEquals("10.0.0.5", mail.smtpHost());
        assertEquals(2525, mail.smtpPort());
        assertEquals(Duration.ofSeconds(7), mail.connectTimeout());
        assertEquals("lb1.example.com", mail.heloName());
        assertEquals("ka1@example.com", mail.from());
        assertEquals(List.of("ops@example.com", "oncall@example.com"), mail.to());
        assertEquals("LB1", mail.routerId());
        assertTrue(mail.enabled());

        AlertPolicy policy = KeepalivedNotifyConfig.alertPolicy(c.globalDefs());
        assertTrue(policy.vrrpAlerts(null), "smtp_alert_vrrp");
        assertTrue(policy.noEmailFaults());
        assertTrue(policy.realServerAlerts(null));

        VrrpNotifyScripts scripts = KeepalivedNotifyConfig.scripts(c.vrrpInstances().get(0).notifies());
        assertEquals(List.of("/etc/keepalived/master.sh", "a b"), scripts.master().argv());
        assertEquals(List.of("/etc/keepalived/notify.sh"), scripts.generic().argv());
        assertNull(scripts.backup());

        assertEquals(dir.resolve("all.fifo"), KeepalivedNotifyConfig.fifo(c.globalDefs().notifyFifo()).path());
        assertEquals("nobody", KeepalivedNotifyConfig.fifo(c.globalDefs().vrrpNotifyFifo()).user());
        assertNull(KeepalivedNotifyConfig.fifo(c.globalDefs().lvsNotifyFifo()));
    }

    @Test
    void keepalivedDefaultsWithoutEmailConfiguration() throws Exception {
        KeepalivedConfig c = load("""
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  virtual_ipaddress {
                    10.0.0.100/24
                  }
                }
                """);
        EmailSettings mail = KeepalivedNotifyConfig.emailSettings(c.globalDefs());
        assertFalse(mail.enabled(), "no smtp_server: no mail");
        assertEquals(25, mail.smtpPort());
        assertEquals(Duration.ofSeconds(30), mail.connectTimeout());
        AlertPolicy policy = KeepalivedNotifyConfig.alertPolicy(c.globalDefs());
        assertFalse(policy.vrrpAlerts(null));
        assertTrue(policy.realServerAlerts(null));
    }

    @Test
    void vigilEmailSettingsAddStartTlsAuthQueueAndFlapDigest() throws Exception {
        KeepalivedConfig c = load("""
                global_defs {
                  notification_email {
                    ops@example.com
                  }
                  smtp_server 10.0.0.5
                }
                """);
        EmailSettings plain = KeepalivedNotifyConfig.emailSettings(c.globalDefs(),
                SettingsLoader.parse("", "defaults").email());
        assertEquals(SmtpSecurity.NONE, plain.security());
        assertNull(plain.username(), "an empty auth user means no AUTH, as keepalived");
        assertNull(plain.password());
        VigilSettings.Email vigil = SettingsLoader.parse("""
                vigil.email {
                  starttls = required
                  auth { user = alerts, password = s3cret }
                  queue-capacity = 50
                  retry { initial = 2s, max = 1m }
                  flap-digest { threshold = 2, hold = 10s, max-hold = 5m }
                }
                """, "vigil.conf").email();
        EmailSettings tls = KeepalivedNotifyConfig.emailSettings(c.globalDefs(), vigil);
        assertEquals(SmtpSecurity.STARTTLS, tls.security());
        assertEquals("alerts", tls.username());
        assertEquals("s3cret", tls.password());
        assertNull(tls.trustHosts(), "certificates are validated");
        assertEquals("10.0.0.5", tls.smtpHost());
        assertEquals(SmtpSecurity.STARTTLS_IF_OFFERED, KeepalivedNotifyConfig.emailSettings(c.globalDefs(),
                SettingsLoader.parse("vigil.email.starttls = opportunistic", "s").email()).security());
        assertEquals(new AlertQueueSettings(50, Duration.ofSeconds(2), Duration.ofMinutes(1), 2,
                Duration.ofSeconds(10), Duration.ofMinutes(5)), KeepalivedNotifyConfig.alertQueueSettings(vigil));
        assertEquals(new AlertQueueSettings(1000, Duration.ofSeconds(5), Duration.ofMinutes(5), 4,
                Duration.ofSeconds(30), Duration.ofMinutes(2)),
                KeepalivedNotifyConfig.alertQueueSettings(SettingsLoader.parse("", "defaults").email()),
                "reference.conf's defaults");
    }
}
