package dev.berth.cli.docker;

import dev.berth.cli.client.JsonMessages;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.ImageRef;
import dev.berth.cli.format.JsonMessageDisplay;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker import: a tarball (file, - for stdin, or URL) as a new image. */
@Command(name = "import", customSynopsis = "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", description = "Import the contents from a tarball to create a filesystem image")
final class ImportCmd extends DockerCommand {
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Set commit message for imported image")
    String message = "";
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform = "";

    @Override
    Arity arity() {
        return new Arity(1, 2);
    }

    @Override
    int run() throws Exception {
        String source = args.get(0);
        String ref = args.size() > 1 ? args.get(1) : "";
        if (!ref.isEmpty()) {
            try {
                ImageRef.parse(ref);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        InputStream in = null;
        String srcName = "-";
        if (source.equals("-")) {
            in = session().in();
        } else if (source.startsWith("http://") || source.startsWith("https://")) {
            srcName = source;
        } else {
            try {
                in = Files.newInputStream(Path.of(source));
            } catch (NoSuchFileException e) {
                throw new CliException("open " + source + ": no such file or directory");
            }
        }
        Query q = Query.of("fromSrc", srcName).opt("repo", ref).opt("message", message).opt("platform", platform.toLowerCase());
        for (String c : changes) q.add("changes", c);
        Response r = in == null ? client().call("POST", "/images/create", q, null)
                : client().upload("POST", "/images/create", q, "text/plain", in, Map.of());
        try (r) {
            JsonMessageDisplay d = new JsonMessageDisplay(out(), session().stdoutIsTerminal(), session().ttySize()[1], null);
            JsonMessages.each(r.body(), d::accept);
        } finally {
            if (in != null && in != session().in()) in.close();
        }
        return 0;
    }
}
