package dev.berth.api.http;

/** The API versions served: requests for a version outside [min, max] get Docker's errors. */
public record ApiVersion(String min, String max) {
    public String check(String requested) {
        if (compare(requested, max) > 0)
            return "client version " + requested + " is too new. Maximum supported API version is " + max;
        if (compare(requested, min) < 0)
            return "client version " + requested + " is too old. Minimum supported API version is " + min
                    + ", please upgrade your client to a newer version";
        return null;
    }

    public static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0, q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) return Integer.compare(p, q);
        }
        return 0;
    }
}
