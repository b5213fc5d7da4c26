package dev.berth.runtime.it;

/** How a process (a host command or a container) ended and what it wrote. */
public record RunResult(int code, String stdout, String stderr) {
    /** The text of a "== name" section of an observation script's output, up to the next section. */
    public String section(String name) {
        String marker = "== " + name + "\n";
        int start = stdout.indexOf(marker);
        if (start < 0) throw new AssertionError("no section " + name + " in:\n" + stdout + "\nstderr:\n" + stderr);
        start += marker.length();
        int end = stdout.indexOf("\n== ", start - 1);
        return end < 0 ? stdout.substring(start) : stdout.substring(start, end + 1);
    }
}
