package dev.berth.daemon.api;

import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.image.content.Digest;
import dev.berth.image.service.CommitOptions;
import dev.berth.image.service.HistoryRow;
import dev.berth.image.service.Images;
import dev.berth.image.service.ImagesUsage;
import dev.berth.image.service.PruneReport;
import dev.berth.image.store.DeleteResponse;
import dev.berth.image.store.ImageFilter;
import dev.berth.image.store.ImageSummary;
import dev.berth.image.store.ImageUser;
import dev.berth.image.store.ImageUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /images/..., /commit, /containers/{id}/changes|export and /system/df: the image side of the API. */
public final class ImageRoutes {
    private static final String NO_REGISTRY = "pulling and pushing images is not available in Berth yet (no registry support): "
            + "bring images in with `docker load` or `docker import`";

    private final Images images;
    private final ContainerService containers;

    public ImageRoutes(Images images, ContainerService containers) {
        this.images = images;
        this.containers = containers;
    }

    public void register(Router r) {
        r.on("GET", "/images/json", this::list);
        r.on("GET", "/images/get", (req, ex, p) -> save(ex, req.queryAll().getOrDefault("names", List.of())));
        r.on("POST", "/images/load", this::load);
        r.on("POST", "/images/create", this::createImage);
        r.on("POST", "/images/prune", this::prune);
        r.on("GET", "/images/search", (req, ex, p) -> ex.sendError(501, NO_REGISTRY));
        r.on("GET", "/images/{name:.*}/json", (req, ex, p) -> ex.sendJson(200, images.inspect(p.get("name")).toJson()));
        r.on("GET", "/images/{name:.*}/history", this::history);
        r.on("GET", "/images/{name:.*}/get", (req, ex, p) -> save(ex, List.of(p.get("name"))));
        r.on("POST", "/images/{name:.*}/tag", this::tag);
        r.on("POST", "/images/{name:.*}/push", (req, ex, p) -> ex.sendError(501, NO_REGISTRY));
        r.on("DELETE", "/images/{name:.*}", this::remove);
        r.on("POST", "/commit", this::commit);
        r.on("GET", "/containers/{id}/changes", this::changes);
        r.on("GET", "/containers/{id}/export", (req, ex, p) -> {
            String id = containers.resolve(p.get("id"));
            OutputStream out = ex.startChunked(200, "application/x-tar", null);
            images.export(id, out);
            out.close();
        });
        r.on("GET", "/system/df", this::df);
    }

    /** Which containers use an image, for rmi's and prune's rules. */
    ImageUsers users() {
        return imageId -> {
            List<ImageUser> out = new ArrayList<>();
            for (ContainerRecord c : containers.all())
                if (c.imageId().equals(imageId.toString())) out.add(new ImageUser(c.id(), c.state().running()));
            return out;
        };
    }

    private void list(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        Filters f = Filters.parse(req.query("filters"), Set.of("dangling", "label", "before", "since", "reference"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ImageSummary s : images.list(ImageFilter.parse(f.values()), req.flag("all", false))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Containers", -1);
            m.put("Created", s.created().getEpochSecond());
            m.put("Id", s.id().toString());
            m.put("Labels", s.labels().isEmpty() ? null : s.labels());
            m.put("ParentId", s.parentId() == null ? "" : s.parentId().toString());
            m.put("RepoDigests", s.repoDigests().isEmpty() && s.repoTags().isEmpty() ? List.of("<none>@<none>") : s.repoDigests());
            m.put("RepoTags", s.repoTags().isEmpty() ? List.of("<none>:<none>") : s.repoTags());
            m.put("SharedSize", -1);
            m.put("Size", s.size());
            m.put("VirtualSize", s.size());
            out.add(m);
        }
        ex.sendJson(200, out);
    }

    private void history(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryRow h : images.history(p.get("name"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Comment", h.comment());
            m.put("Created", h.created());
            m.put("CreatedBy", h.createdBy());
            m.put("Id", h.id());
            m.put("Size", h.size());
            m.put("Tags", h.tags().isEmpty() ? null : h.tags());
            out.add(m);
        }
        ex.sendJson(200, out);
    }

    private void tag(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String repo = req.query("repo");
        if (repo == null || repo.isEmpty()) throw BerthException.invalid("repository name must have at least one component");
        String tag = req.query("tag", "");
        images.tag(p.get("name"), tag.isEmpty() ? repo : repo + ":" + tag);
        imageEvent("tag", idOf(p.get("name")), tag.isEmpty() ? repo : repo + ":" + tag);
        ex.send(201, "text/plain; charset=utf-8", new byte[0]);
    }

    private void remove(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String imageId = idOf(p.get("name"));
        List<DeleteResponse> rows = images.remove(p.get("name"), req.flag("force", false), !req.flag("noprune", false), users());
        for (DeleteResponse d : rows)
            if (d.untagged() != null) imageEvent("untag", imageId, d.untagged());
            else imageEvent("delete", d.deleted(), d.deleted());
        ex.sendJson(200, rows.stream().map(ImageRoutes::deleteRow).toList());
    }

    private void imageEvent(String action, String id, String name) {
        // Docker names images in events as the CLI shows them: "busybox:1", not "docker.io/library/busybox:1".
        String familiar = name.replaceFirst("^docker\\.io/library/", "").replaceFirst("^docker\\.io/", "");
        containers.events().publish("image", action, id, Map.of("name", familiar));
    }

    private String idOf(String ref) {
        try {
            return images.resolve(ref).id().toString();
        } catch (RuntimeException e) {
            return ref;
        }
    }

    private static Map<String, String> deleteRow(DeleteResponse d) {
        return d.untagged() != null ? Map.of("Untagged", d.untagged()) : Map.of("Deleted", d.deleted());
    }

    private void save(HttpExchange ex, List<String> names) throws IOException {
        if (names.isEmpty()) throw BerthException.invalid("no image names given");
        List<String> all = new ArrayList<>();
        for (String n : names) all.addAll(Arrays.asList(n.split(",")));
        for (String n : all) images.resolve(n);
        OutputStream out = ex.startChunked(200, "application/x-tar", null);
        images.save(all, out);
        out.close();
        for (String n : all) imageEvent("save", idOf(n), n);
    }

    private void load(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        boolean quiet = req.flag("quiet", false);
        List<String> progress = new ArrayList<>();
        for (String loaded : images.load(req.body(), quiet, progress::add)) imageEvent("load", idOf(loaded), loaded);
        OutputStream out = ex.startChunked(200, "application/json", null);
        for (String line : progress) {
            Map<String, Object> msg = line.startsWith("Loading layer ")
                    ? Map.of("status", "Loading layer", "progressDetail", Map.of(), "id", line.substring("Loading layer ".length()))
                    : Map.of("stream", line + "\n");
            out.write((new String(Json.bytes(msg), StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.close();
    }

    private void createImage(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String src = req.query("fromSrc");
        if (src == null) throw new BerthException(BerthException.Kind.UNSUPPORTED, NO_REGISTRY);
        if (!src.equals("-")) throw new BerthException(BerthException.Kind.UNSUPPORTED, "import from a URL is not supported yet: pipe the tar in with `-`");
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        String ref = repo.isEmpty() ? null : tag.isEmpty() ? repo : repo + ":" + tag;
        String id = images.importRootfs(req.body(), ref, req.queryAll().getOrDefault("changes", List.of()), req.query("message", ""));
        imageEvent("import", id, ref == null ? id : ref);
        OutputStream out = ex.startChunked(200, "application/json", null);
        out.write((new String(Json.bytes(Map.of("status", id)), StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    private void prune(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        Filters f = Filters.parse(req.query("filters"), Set.of("dangling", "until", "label"));
        boolean all = f.get("dangling").contains("false") || f.get("dangling").contains("0");
        PruneReport r = images.prune(all, users());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ImagesDeleted", r.deleted().isEmpty() ? null : r.deleted().stream().map(ImageRoutes::deleteRow).toList());
        m.put("SpaceReclaimed", r.spaceReclaimed());
        ex.sendJson(200, m);
    }

    private void commit(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String container = containers.resolve(req.query("container", ""));
        ContainerRecord c = containers.get(container);
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        String ref = repo.isEmpty() ? null : tag.isEmpty() ? repo : repo + ":" + tag;
        dev.berth.image.model.ImageConfig.Config override = req.json(dev.berth.image.model.ImageConfig.Config.class);
        dev.berth.image.model.ImageConfig.Config cfg = override != null ? override : ContainerConfigs.toImageConfig(c.config());
        CommitOptions o = new CommitOptions(ref, req.query("author", ""), req.query("comment", ""),
                req.queryAll().getOrDefault("changes", List.of()), req.flag("pause", true), cfg);
        String id = images.commit(container, o, cfg);
        containers.events().publish("container", "commit", container, Map.of("comment", req.query("comment", ""), "imageID", id,
                "imageRef", ref == null ? "" : ref, "name", c.name().replaceFirst("^/", ""),
                "image", c.config() == null || c.config().image() == null ? c.imageId() : c.config().image()));
        ex.sendJson(201, Map.of("Id", id));
    }

    private void changes(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String id = containers.resolve(p.get("id"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (var c : images.changes(id)) out.add(Map.of("Path", c.path(), "Kind", c.kind().apiValue()));
        ex.sendJson(200, out);
    }

    private void df(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        ImagesUsage u = images.usage(users());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("LayersSize", u.layersSize());
        List<Map<String, Object>> imgs = new ArrayList<>();
        for (ImagesUsage.Entry e : u.images()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("Id", e.id());
            i.put("ParentId", "");
            i.put("RepoTags", e.repoTags());
            i.put("RepoDigests", List.of());
            i.put("Created", e.created());
            i.put("Size", e.size());
            i.put("SharedSize", e.sharedSize());
            i.put("VirtualSize", e.size());
            i.put("Labels", null);
            i.put("Containers", e.containers());
            imgs.add(i);
        }
        m.put("Images", imgs);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (ContainerRecord c : containers.all()) cs.add(ContainerViews.listRow(c, c.config() == null ? "" : c.config().image(), containers.starter().sandboxes()));
        m.put("Containers", cs);
        m.put("Volumes", List.of());
        m.put("BuildCache", List.of());
        ex.sendJson(200, m);
    }

    static Digest digest(String s) {
        return Digest.parse(s);
    }
}
