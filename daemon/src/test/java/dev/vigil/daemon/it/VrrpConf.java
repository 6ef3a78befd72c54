package dev.vigil.daemon.it;

/** keepalived.conf text for the interop tests: one instance VI_1 on eth0, VRID 51, PASS auth, VIP 10.99.0.100/24. */
final class VrrpConf {
    static final String VIP = "10.99.0.100";
    /** Master_Down_Interval for priority 100, advert_int 1: 3 s + (256 − 100)/256 s. */
    static final long MASTER_DOWN_100_MICROS = 3_000_000L + (256 - 100) * 1_000_000L / 256;
    /** Skew_Time for priority 100. */
    static final long SKEW_100_MICROS = (256 - 100) * 1_000_000L / 256;

    private VrrpConf() {
    }

    static String instance(String state, int priority) {
        return instance(state, priority, "secret12", 1, "");
    }

    /** {@code extra} goes inside the vrrp_instance block (nopreempt, track_interface ...). */
    static String instance(String state, int priority, String pass, int advertInt, String extra) {
        return """
                global_defs {
                  router_id NODE_%d
                  enable_script_security
                  script_user root
                }
                vrrp_instance VI_1 {
                  state %s
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int %d
                  authentication {
                    auth_type PASS
                    auth_pass %s
                  }
                  virtual_ipaddress {
                    %s/24
                  }
                %s
                }
                """.formatted(priority, state, priority, advertInt, pass, VIP, extra);
    }
}
