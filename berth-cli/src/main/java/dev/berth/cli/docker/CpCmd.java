package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.Units;
import dev.berth.cli.opts.Converters;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker cp in both directions over the archive endpoints: GET archive and extract here, or stat
 * the destination (HEAD), pack the source renamed to fit, and PUT it into the parent directory.
 */
@Command(name = "cp", customSynopsis = "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
        description = "Copy files/folders between a container and the local filesystem")
final class CpCmd extends DockerCommand {
    private static final long MODE_DIR = 1L << 31, MODE_SYMLINK = 1L << 27;

    @Option(names = {"-a", "--archive"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Archive mode (copy all uid/gid information)")
    boolean archive;
    @Option(names = {"-L", "--follow-link"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
    Boolean quietFlag;
    private boolean quiet;

    @Override
    Arity arity() {
        return new Arity(2, 2);
    }

    @Override
    int run() throws Exception {
        quiet = quietFlag != null ? quietFlag : !session().stdoutIsTerminal();
        String[] src = split(args.get(0)), dst = split(args.get(1));
        if (src[0] != null && dst[0] != null) throw new CliException("copying between containers is not supported");
        if (src[0] == null && dst[0] == null) throw new CliException("must specify at least one container source");
        if (src[0] != null) return fromContainer(src[0], src[1], dst[1]);
        return toContainer(dst[0], dst[1], src[1]);
    }

    /** splitCpArg: "ctr:path" unless the argument is an absolute or ./ path. */
    static String[] split(String arg) {
        if (arg.startsWith("/")) return new String[] {null, arg};
        int c = arg.indexOf(':');
        if (c < 0 || arg.substring(0, c).startsWith(".")) return new String[] {null, arg};
        return new String[] {arg.substring(0, c), arg.substring(c + 1)};
    }

    private int fromContainer(String container, String srcPath, String dstArg) throws IOException {
        String dstPath = dstArg.equals("-") ? "-" : absolute(dstArg);
        if (!dstPath.equals("-")) {
            Path parent = Path.of(dstPath).getParent();
            if (parent != null && !Files.isDirectory(parent)) throw new CliException("invalid output path: directory \"" + parent + "\" does not exist");
        }
        try (Response r = client().call("GET", "/containers/" + container + "/archive", Query.of("path", srcPath), null)) {
            if (dstPath.equals("-")) {
                r.body().transferTo(session().rawOut());
                session().rawOut().flush();
                return 0;
            }
            JsonNode stat = stat(r.header("x-docker-container-path-stat"));
            boolean srcIsDir = (stat.path("mode").asLong() & MODE_DIR) != 0;
            long[] copied = {0};
            InputStream counted = counting(r.body(), copied);
            Path dst = Path.of(dstPath);
            String srcBase = base(srcPath);
            boolean dstExists = Files.exists(dst);
            boolean dstIsDir = Files.isDirectory(dst);
            if (dstExists && dstIsDir) {
                CpArchive.extract(counted, dst, null, null);
            } else if (dstExists && srcIsDir) {
                throw new CliException("cannot copy a directory to a file");
            } else if (!dstExists && !srcIsDir && (dstArg.endsWith("/") || dstArg.endsWith("/."))) {
                throw new CliException("destination directory does not exist");
            } else {
                CpArchive.extract(counted, dst.getParent(), srcBase, dst.getFileName().toString());
            }
            counted.transferTo(java.io.OutputStream.nullOutputStream());
            if (!quiet) err().println("Successfully copied " + Units.humanSize(copied[0], 3) + " to " + dstPath);
        }
        return 0;
    }

    private int toContainer(String container, String dstPath, String srcArg) throws Exception {
        JsonNode dstStat = null;
        try (Response head = client().head("/containers/" + container + "/archive", Query.of("path", dstPath))) {
            if (head.status() == 200) dstStat = stat(head.header("x-docker-container-path-stat"));
        }
        String resolvedDst = dstPath;
        if (dstStat != null && (dstStat.path("mode").asLong() & MODE_SYMLINK) != 0) {
            String link = dstStat.path("linkTarget").asText();
            resolvedDst = link.startsWith("/") ? link : parent(dstPath) + "/" + link;
            dstStat = null;
            try (Response head = client().head("/containers/" + container + "/archive", Query.of("path", resolvedDst))) {
                if (head.status() == 200) dstStat = stat(head.header("x-docker-container-path-stat"));
            }
        }
        boolean dstExists = dstStat != null;
        boolean dstIsDir = dstExists && (dstStat.path("mode").asLong() & MODE_DIR) != 0;
        InputStream content;
        String putDir;
        long[] copied = {0};
        Thread packer = null;
        if (srcArg.equals("-")) {
            if (!dstIsDir) throw new CliException("destination \"" + container + ":" + dstPath + "\" must be a directory");
            content = session().in();
            putDir = resolvedDst;
        } else {
            Path src = Path.of(absolute(srcArg));
            if (!Files.exists(src, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new CliException("lstat " + src + ": no such file or directory");
            boolean srcIsDir = followLink ? Files.isDirectory(src) : Files.isDirectory(src, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            String srcBase = srcArg.endsWith("/.") ? "." : src.getFileName() == null ? "/" : src.getFileName().toString();
            String name;
            if (dstIsDir) {
                putDir = resolvedDst;
                name = srcBase;
            } else if (dstExists && srcIsDir) {
                throw new CliException("cannot copy a directory to a file");
            } else if (!dstExists && !srcIsDir && dstPath.endsWith("/")) {
                throw new CliException("destination directory does not exist");
            } else {
                putDir = parent(resolvedDst);
                name = base(resolvedDst);
            }
            PipedInputStream pipe = new PipedInputStream(1 << 16);
            PipedOutputStream sink = new PipedOutputStream(pipe);
            Path source = srcArg.endsWith("/.") ? src : src;
            String entryName = name;
            packer = Thread.ofPlatform().daemon().start(() -> {
                try (sink) {
                    CpArchive.pack(source, entryName, followLink, sink);
                } catch (IOException ignored) {
                    // the upload reports the failure
                }
            });
            content = pipe;
        }
        InputStream counted = counting(content, copied);
        Query q = Query.of("path", putDir).set("noOverwriteDirNonDir", "true").flag("copyUIDGID", archive);
        client().upload("PUT", "/containers/" + container + "/archive", q, "text/plain", counted, Map.of()).close();
        if (packer != null) packer.join();
        if (!quiet) err().println("Successfully copied " + Units.humanSize(copied[0], 3) + " to " + container + ":" + resolvedDst);
        return 0;
    }

    private static JsonNode stat(String header) throws IOException {
        if (header == null || header.isEmpty()) return dev.berth.cli.client.JsonCodec.parse("{}".getBytes(StandardCharsets.UTF_8));
        return dev.berth.cli.client.JsonCodec.parse(Base64.getDecoder().decode(header));
    }

    private static InputStream counting(InputStream in, long[] total) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) total[0]++;
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) total[0] += n;
                return n;
            }
        };
    }

    /** filepath.Abs, keeping a trailing "/" or "/." as docker does. */
    private static String absolute(String p) {
        String abs = Path.of(p).toAbsolutePath().normalize().toString();
        if (p.endsWith("/.")) return abs + "/.";
        if (p.endsWith("/") && !abs.endsWith("/")) return abs + "/";
        return abs;
    }

    private static String base(String p) {
        String t = p.replaceAll("/+$", "");
        if (t.isEmpty()) return "/";
        return t.substring(t.lastIndexOf('/') + 1);
    }

    private static String parent(String p) {
        String t = p.replaceAll("/+$", "");
        int i = t.lastIndexOf('/');
        return i <= 0 ? "/" : t.substring(0, i);
    }
}
