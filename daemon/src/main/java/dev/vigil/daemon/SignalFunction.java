package dev.vigil.daemon;

import java.util.Optional;

/**
 * keepalived's signal functions and the numbers 2.2.7 prints for them with {@code --signum}, so scripts written as
 * {@code kill -s $(keepalived --signum=RELOAD)} work unchanged with vigil.
 */
public enum SignalFunction {
    STOP(15), RELOAD(1), DATA(10), STATS(12), STATS_CLEAR(63), JSON(36);

    private final int number;

    SignalFunction(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Exact, upper-case names only, as keepalived ({@code --signum=stop} is "Unknown sigfunc stop"). */
    public static Optional<SignalFunction> byName(String name) {
        for (SignalFunction f : values()) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
