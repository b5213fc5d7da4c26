package dev.berth.daemon.api;

import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.api.http.ErrorStatus;
import dev.berth.common.BerthException;
import dev.berth.engine.archive.ArchiveService;
import dev.berth.engine.archive.PathStat;
import java.io.IOException;
import java.util.Map;

/** /containers/{id}/archive: docker cp (HEAD stat, GET a tar out, PUT a tar in). */
public final class ArchiveRoutes {
    private final ArchiveService archives;

    public ArchiveRoutes(ArchiveService archives) {
        this.archives = archives;
    }

    public void register(Router r) {
        r.on("HEAD", "/containers/{id}/archive", this::head);
        r.on("GET", "/containers/{id}/archive", this::get);
        r.on("PUT", "/containers/{id}/archive", this::put);
    }

    private static String path(HttpRequest req) {
        String path = req.query("path");
        if (path == null || path.isEmpty()) throw BerthException.invalid("path must not be empty");
        return path;
    }

    /** A HEAD answer has no body: errors are a bare status (the client reads the status only). */
    private void head(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        PathStat stat;
        try {
            stat = archives.stat(p.get("id"), path(req));
        } catch (BerthException e) {
            ex.send(ErrorStatus.of(e.kind()), null, new byte[0]);
            return;
        }
        ex.send(200, null, new byte[0], Map.of(PathStat.HEADER, stat.headerValue()));
    }

    private void get(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        java.io.OutputStream[] body = new java.io.OutputStream[1];
        archives.get(p.get("id"), path(req),
                stat -> body[0] = ex.startChunked(200, "application/x-tar", Map.of(PathStat.HEADER, stat.headerValue())));
        body[0].close();
    }

    private void put(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String noOverwrite = req.query("noOverwriteDirNonDir", "");
        String copyUidGid = req.query("copyUIDGID", "");
        archives.put(p.get("id"), path(req), req.body(),
                new ArchiveService.PutOptions(truthy(noOverwrite), truthy(copyUidGid)));
        ex.sendEmpty(200);
    }

    private static boolean truthy(String v) {
        return v.equals("1") || v.equalsIgnoreCase("true");
    }
}
