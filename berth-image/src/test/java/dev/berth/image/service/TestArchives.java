package dev.berth.image.service;

import dev.berth.common.Json;
import dev.berth.image.content.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tars, layers and image archives (docker-archive, OCI layout) in memory, including broken and hostile ones. */
final class TestArchives {
    private TestArchives() {}

    /** A tar builder: files, directories, symlinks, in the order added. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, 512, "UTF-8");

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, byte[] data) {
            return file(name, data, 0644);
        }

        Tar file(String name, String data) {
            return file(name, data.getBytes(StandardCharsets.UTF_8));
        }

        Tar file(String name, byte[] data, int mode) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setMode(0100000 | mode);
                e.setSize(data.length);
                out.putArchiveEntry(e);
                out.write(data);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Tar dir(String name) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
                e.setMode(040755);
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Tar symlink(String name, String target) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(target);
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            try {
                out.finish();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Digest sha(byte[] b) {
        return Digest.sha256(b);
    }

    /** An image config with the given diff ids, Cmd ["sh"], os linux, one history entry per layer. */
    static byte[] config(List<Digest> diffIds, String created) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", "amd64");
        c.put("config", Map.of("Cmd", List.of("sh"), "Env", List.of("PATH=/bin")));
        c.put("created", created);
        List<Object> history = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) history.add(Map.of("created", created, "created_by", "layer " + i));
        c.put("history", history);
        c.put("os", "linux");
        c.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds.stream().map(Digest::toString).toList()));
        return Json.bytes(c);
    }

    /**
     * A docker-archive of one image: layers (uncompressed tars) under &lt;n&gt;/layer.tar, the config under
     * &lt;hex&gt;.json, manifest.json written last (a streaming reader must cope).
     */
    static byte[] dockerArchive(List<byte[]> layers, String tag) {
        List<Digest> diffIds = layers.stream().map(TestArchives::sha).toList();
        byte[] config = config(diffIds, "2024-02-02T00:00:00Z");
        String configName = sha(config).encoded() + ".json";
        Tar t = new Tar();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String dir = String.format("%064d", i);
            t.dir(dir).file(dir + "/VERSION", "1.0").file(dir + "/layer.tar", layers.get(i));
            paths.add(dir + "/layer.tar");
        }
        t.file(configName, config);
        t.file("manifest.json", Json.bytes(List.of(manifestItem(configName, tag, paths))));
        return t.bytes();
    }

    static Map<String, Object> manifestItem(String config, String tag, List<String> layers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Config", config);
        m.put("RepoTags", tag == null ? null : List.of(tag));
        m.put("Layers", layers);
        return m;
    }

    /** A layer adding one file. */
    static byte[] layer(String path, String content) {
        return new Tar().file(path, content).bytes();
    }
}
