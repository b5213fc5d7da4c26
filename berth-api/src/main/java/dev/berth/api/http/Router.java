package dev.berth.api.http;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes by method and path pattern ("/containers/{id}/start"; a final "{name:.*}" takes the
 * rest, for image names with slashes), checks the API version of /vX.Y/ paths, and turns
 * exceptions into Docker's {"message": ...} errors.
 */
public final class Router implements HttpServer.Handler {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    @FunctionalInterface
    public interface Route {
        void handle(HttpRequest req, HttpExchange ex, Map<String, String> params) throws IOException;
    }

    private record Entry(String method, String[] parts, Route route) {}

    private final List<Entry> entries = new ArrayList<>();
    private final ApiVersion versions;

    public Router(ApiVersion versions) {
        this.versions = versions;
    }

    public Router on(String method, String pattern, Route route) {
        entries.add(new Entry(method, pattern.substring(1).split("/"), route));
        return this;
    }

    @Override
    public void handle(HttpRequest req, HttpExchange ex) throws IOException {
        try {
            if (req.apiVersion() != null) {
                String problem = versions.check(req.apiVersion());
                if (problem != null) {
                    if (problem.contains("too old")) ex.send(400, "text/plain; charset=utf-8", (problem + "\n").getBytes());
                    else ex.sendError(400, problem);
                    return;
                }
            }
            String[] path = req.path().substring(1).split("/", -1);
            for (Entry e : entries) {
                Map<String, String> params = match(e.parts, path);
                if (params == null) continue;
                if (!e.method.equals(req.method()) && !(e.method.equals("GET") && req.method().equals("HEAD"))) continue;
                e.route.handle(req, ex, params);
                return;
            }
            ex.sendError(404, "page not found");
        } catch (BerthException e) {
            if (!ex.committed()) ex.sendError(ErrorStatus.of(e.kind()), e.getMessage());
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, req.method() + " " + req.path() + " failed", e);
            if (!ex.committed()) ex.sendError(500, String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith(":.*}")) {
                // Greedy: takes what the fixed parts after it leave over.
                int suffix = pattern.length - i - 1;
                int end = path.length - suffix;
                if (end <= i) return null;
                for (int k = 0; k < suffix; k++)
                    if (!pattern[i + 1 + k].equals(path[end + k])) return null;
                params.put(p.substring(1, p.length() - 4), String.join("/", java.util.Arrays.copyOfRange(path, i, end)));
                return params;
            }
            if (i >= path.length) return null;
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) return null;
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return pattern.length == path.length ? params : null;
    }
}
