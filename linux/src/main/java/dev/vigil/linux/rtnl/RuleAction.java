package dev.vigil.linux.rtnl;

/** Policy-routing rule actions ({@code FR_ACT_*}, fib_rules.h); the ordinal is the kernel's number. */
public enum RuleAction {
    UNSPEC, TO_TBL, GOTO, NOP, RES3, RES4, BLACKHOLE, UNREACHABLE, PROHIBIT;

    public int code() {
        return ordinal();
    }

    public static RuleAction of(int code) {
        RuleAction[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown rule action " + code);
        }
        return all[code];
    }
}
