package dev.vigil.vrrp.instance;

/**
 * RFC 3768 §6.1 timer arithmetic as keepalived computes it for VRRPv2 (microsecond resolution):
 * Skew_Time = (256 − priority) / 256 s, Master_Down_Interval = down_timer_adverts × Adver_Interval + Skew_Time.
 */
public final class MasterDownTimer {
    private MasterDownTimer() {}

    private static final long MICROS = 1_000L;
    private static final long SECOND_MICROS = 1_000_000L;

    /** Skew_Time in nanoseconds for the given (effective) priority. */
    public static long skewNanos(int priority) {
        return (256L - priority) * SECOND_MICROS / 256 * MICROS;
    }

    /** Master_Down_Interval in nanoseconds. */
    public static long intervalNanos(int downTimerAdverts, int adverIntSeconds, int priority) {
        return downTimerAdverts * adverIntSeconds * SECOND_MICROS * MICROS + skewNanos(priority);
    }

    /** Advertisement interval in nanoseconds. */
    public static long advertNanos(int adverIntSeconds) {
        return adverIntSeconds * SECOND_MICROS * MICROS;
    }
}
