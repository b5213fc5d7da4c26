package dev.berth.daemon;

/**
 * berthd. The Docker Engine API server is the daemon issue's work; until it lands, berthd says so
 * plainly instead of pretending to serve.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        for (String a : args) {
            if (a.equals("--version") || a.equals("-v")) {
                System.out.println("berthd version 0.1.0");
                return;
            }
        }
        System.err.println("berthd: the Docker Engine API is not served yet; use `berth runtime` for OCI bundles");
        System.exit(1);
    }
}
