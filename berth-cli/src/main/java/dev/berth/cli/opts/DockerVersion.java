package dev.berth.cli.opts;

/** Compares API versions like "1.41" numerically, part by part. */
final class DockerVersion {
    private DockerVersion() {}

    static boolean atLeast(String version, String min) {
        String[] a = version.split("\\."), b = min.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0, y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) return x > y;
        }
        return true;
    }
}
