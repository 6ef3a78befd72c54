package dev.vigil.daemon;

/** Placeholder entry point until the CLI lands (issue 2). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Vigil 0.1.0-SNAPSHOT");
    }
}
