package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Renders the daemon's progress messages (pull, push, load, import) as docker's jsonmessage does:
 * on a terminal one line per layer id, redrawn in place with a progress bar; otherwise only the
 * status lines. An {@code errorDetail} ends the display with {@link StreamError}.
 */
public final class JsonMessageDisplay {
    /** An error sent inside the stream; {@code code} is errorDetail.code (0 when absent). */
    public static final class StreamError extends RuntimeException {
        private final int code;

        public StreamError(String message, int code) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final Consumer<JsonNode> aux;
    private Map<String, Integer> ids = new HashMap<>();

    public JsonMessageDisplay(PrintStream out, boolean terminal, int width, Consumer<JsonNode> aux) {
        this.out = out;
        this.terminal = terminal;
        this.width = width <= 0 ? 200 : width;
        this.aux = aux;
    }

    public void accept(JsonNode jm) {
        if (jm.has("aux")) {
            if (aux != null) aux.accept(jm);
            return;
        }
        String id = jm.path("id").asText("");
        boolean hasProgress = jm.hasNonNull("progressDetail");
        String progressMessage = jm.path("progress").asText("");
        int diff = 0;
        if (!id.isEmpty() && (hasProgress || !progressMessage.isEmpty())) {
            Integer line = ids.get(id);
            if (line == null) {
                line = ids.size();
                ids.put(id, line);
                if (terminal) out.print("\n");
            }
            diff = ids.size() - line;
            if (terminal) out.print("\u001b[" + diff + "A");
        } else {
            ids = new HashMap<>();
        }
        try {
            display(jm, id, hasProgress, progressMessage);
        } finally {
            if (!id.isEmpty() && terminal) out.print("\u001b[" + diff + "B");
            out.flush();
        }
    }

    private void display(JsonNode jm, String id, boolean hasProgress, String progressMessage) {
        if (jm.hasNonNull("errorDetail")) {
            JsonNode e = jm.get("errorDetail");
            throw new StreamError(e.path("message").asText(jm.path("error").asText("")), e.path("code").asInt(0));
        }
        if (jm.hasNonNull("error") && !jm.path("error").asText().isEmpty()) {
            throw new StreamError(jm.path("error").asText(), 0);
        }
        String stream = jm.path("stream").asText("");
        String status = jm.path("status").asText("");
        String endl = "";
        String bar = hasProgress ? progress(jm.get("progressDetail")) : "";
        if (terminal && stream.isEmpty() && hasProgress) {
            out.print("\u001b[2K\r");
            endl = "\r";
        } else if (hasProgress && !bar.isEmpty()) {
            return;   // no progress bars off a terminal
        }
        long timeNano = jm.path("timeNano").asLong(0), time = jm.path("time").asLong(0);
        if (timeNano != 0) out.print(rfc3339NanoFixed(Instant.ofEpochSecond(0, timeNano)) + " ");
        else if (time != 0) out.print(rfc3339NanoFixed(Instant.ofEpochSecond(time)) + " ");
        if (!id.isEmpty()) out.print(id + ": ");
        String from = jm.path("from").asText("");
        if (!from.isEmpty()) out.print("(from " + from + ") ");
        if (hasProgress && terminal) out.print(status + " " + bar + endl);
        else if (!progressMessage.isEmpty()) out.print(status + " " + progressMessage + endl);
        else if (!stream.isEmpty()) out.print(stream + endl);
        else out.print(status + endl + "\n");
    }

    /** JSONProgress.String(): "[===>   ]  1.2MB/3.4MB" sized to the terminal. */
    String progress(JsonNode p) {
        long current = p.path("current").asLong(0), total = p.path("total").asLong(0);
        String units = p.path("units").asText("");
        if (current <= 0 && total <= 0) return "";
        if (total <= 0) return units.isEmpty() ? String.format("%8s", Units.humanSize(current)) : current + " " + units;
        int percentage = (int) ((double) current / total * 100) / 2;
        if (percentage > 50) percentage = 50;
        String box = "";
        if (width > 110) box = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] ";
        String numbers;
        if (p.path("hidecounts").asBoolean(false)) {
            numbers = "";
        } else if (units.isEmpty()) {
            numbers = current > total ? String.format("%8s", Units.humanSize(current))
                    : String.format("%8s/%s", Units.humanSize(current), Units.humanSize(total));
        } else {
            numbers = current > total ? current + " " + units : current + "/" + total + " " + units;
        }
        String left = "";
        long start = p.path("start").asLong(0);
        if (width > 50 && current > 0 && start > 0 && percentage < 50) {
            double fromStart = System.currentTimeMillis() / 1000.0 - start;
            long secs = Math.round((total - current) * (fromStart / current));
            left = " " + goDuration(secs);
        }
        return box + numbers + left;
    }

    private static String goDuration(long secs) {
        if (secs <= 0) return "0s";
        long h = secs / 3600, m = secs % 3600 / 60, s = secs % 60;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
    }

    /** jsonmessage's RFC3339NanoFixed: always nine fraction digits. */
    public static String rfc3339NanoFixed(Instant t) {
        var z = t.atZone(java.time.ZoneId.systemDefault());
        String s = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").format(z);
        return s;
    }
}
