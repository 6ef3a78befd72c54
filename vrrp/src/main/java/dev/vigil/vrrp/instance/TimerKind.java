package dev.vigil.vrrp.instance;

/** The timers an instance asks its driver to run; at most one of each kind is pending. */
public enum TimerKind {
    /** BACKUP: Master_Down_Interval (or Skew_Time after a priority-0 advert) without a valid advert. */
    MASTER_DOWN,
    /** MASTER: send the next advert. */
    ADVERT,
    /** MASTER: second GARP burst {@code garp_master_delay} after taking over. */
    GARP_MASTER_DELAY,
    /** MASTER: periodic {@code garp_master_refresh}. */
    GARP_REFRESH,
    /** MASTER: second GARP burst {@code garp_lower_prio_delay} after hearing a lower priority. */
    GARP_LOWER_PRIO_DELAY
}
