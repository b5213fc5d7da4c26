package dev.berth.engine.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/** Streams a container's json-file log as `docker logs` shows it: filtered, framed, and followed while the container lives. */
public final class JsonFileReader {
    private static final long FOLLOW_POLL_MS = 50;

    private JsonFileReader() {}

    public static void stream(Path log, LogOptions o, boolean tty, OutputStream out, BooleanSupplier running) throws IOException {
        stream(log, o, tty, out, running, () -> false);
    }

    /**
     * As above; a follow also ends (within a poll interval, closing the log) once clientGone says
     * so: with a silent container nothing is written, so nothing else would notice the client leave.
     */
    public static void stream(Path log, LogOptions o, boolean tty, OutputStream out, BooleanSupplier running, BooleanSupplier clientGone)
            throws IOException {
        if (!Files.exists(log)) {
            if (!o.follow()) return;
            while (!Files.exists(log) && running.getAsBoolean() && !clientGone.getAsBoolean()) sleep();
            if (!Files.exists(log)) return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(rotatedThen(log, Channels.newInputStream(raf.getChannel())), StandardCharsets.UTF_8));
            if (o.tail() >= 0) {
                Deque<LogEntry> last = new ArrayDeque<>();
                String line;
                while ((line = r.readLine()) != null) {
                    LogEntry e = LogEntry.parse(line);
                    if (e == null || !wanted(e, o)) continue;
                    last.addLast(e);
                    if (last.size() > o.tail()) last.removeFirst();
                }
                for (LogEntry e : last) emit(e, o, tty, out);
            } else {
                String line;
                while ((line = r.readLine()) != null) {
                    LogEntry e = LogEntry.parse(line);
                    if (e != null && wanted(e, o)) emit(e, o, tty, out);
                }
            }
            out.flush();
            if (!o.follow()) return;
            // Follow: read what is appended until the container stops and the file stops growing.
            StringBuilder partial = new StringBuilder();
            long pos = raf.getFilePointer();
            while (true) {
                boolean alive = running.getAsBoolean();
                long len = raf.length();
                if (len > pos) {
                    raf.seek(pos);
                    byte[] buf = new byte[(int) Math.min(len - pos, 1 << 20)];
                    raf.readFully(buf);
                    pos += buf.length;
                    partial.append(new String(buf, StandardCharsets.UTF_8));
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        LogEntry e = LogEntry.parse(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                        if (e != null && wanted(e, o)) emit(e, o, tty, out);
                    }
                    out.flush();
                    continue;
                }
                if (!alive || clientGone.getAsBoolean()) return;
                if (o.until() != null && Instant.now().isAfter(o.until())) return;
                sleep();
            }
        }
    }

    /** max-file rotation keeps older output in log.1 (newest) ... log.N: those come first, oldest first. */
    private static java.io.InputStream rotatedThen(Path log, java.io.InputStream current) throws IOException {
        java.util.List<java.io.InputStream> parts = new java.util.ArrayList<>();
        for (int i = 1; ; i++) {
            Path p = log.resolveSibling(log.getFileName() + "." + i);
            if (!Files.isRegularFile(p)) break;
            try {
                parts.addFirst(new java.io.ByteArrayInputStream(Files.readAllBytes(p)));
            } catch (java.nio.file.NoSuchFileException e) {
                break; // rotated away meanwhile
            }
        }
        // SequenceInputStream closes each stream it finishes: the live file's channel must stay open to follow.
        parts.add(new java.io.FilterInputStream(current) {
            @Override
            public void close() {}
        });
        return new java.io.SequenceInputStream(java.util.Collections.enumeration(parts));
    }

    private static boolean wanted(LogEntry e, LogOptions o) {
        if (e.streamNumber() == 1 && !o.stdout()) return false;
        if (e.streamNumber() == 2 && !o.stderr()) return false;
        if (o.since() != null && e.instant().isBefore(o.since())) return false;
        return o.until() == null || !e.instant().isAfter(o.until());
    }

    private static void emit(LogEntry e, LogOptions o, boolean tty, OutputStream out) throws IOException {
        String text = o.timestamps() ? e.time() + " " + e.log() : e.log();
        Frames.write(out, e.streamNumber(), text.getBytes(StandardCharsets.UTF_8), tty);
    }

    private static void sleep() {
        try {
            Thread.sleep(FOLLOW_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
