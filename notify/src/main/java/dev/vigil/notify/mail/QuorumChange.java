package dev.vigil.notify.mail;

/** The four quorum transitions keepalived reports for a virtual server (check/ipwrapper.c do_vs_notifies). */
public enum QuorumChange {
    STARTING_UP("Starting with quorum up", true),
    STARTING_DOWN("Starting with quorum down", false),
    GAINED("Gained quorum", true),
    LOST("Lost quorum", false);

    private final String text;
    private final boolean up;

    QuorumChange(String text, boolean up) {
        this.text = text;
        this.up = up;
    }

    public String text() {
        return text;
    }

    public boolean up() {
        return up;
    }
}
