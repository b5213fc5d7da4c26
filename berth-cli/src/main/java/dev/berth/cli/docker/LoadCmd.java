package dev.berth.cli.docker;

import dev.berth.cli.client.JsonMessages;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.JsonMessageDisplay;
import dev.berth.cli.opts.Converters;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker load: streams the tar to POST /images/load; progress bars when stdout is a terminal. */
@Command(name = "load", customSynopsis = "[OPTIONS]", description = "Load an image from a tar archive or STDIN")
final class LoadCmd extends DockerCommand {
    @Option(names = {"-i", "--input"}, description = "Read from tar archive file, instead of STDIN")
    String input = "";
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Suppress the load output")
    boolean quiet;
    @Option(names = "--platform", description = "Load only the given platform variant")
    String platform = "";

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws Exception {
        InputStream in;
        if (input.isEmpty()) {
            if (session().stdinIsTerminal()) throw new CliException("requested load from stdin, but stdin is empty");
            in = session().in();
        } else {
            try {
                in = Files.newInputStream(Path.of(input));
            } catch (NoSuchFileException | FileNotFoundException e) {
                throw new CliException("open " + input + ": no such file or directory");
            }
        }
        boolean terminal = session().stdoutIsTerminal();
        Query q = Query.of("quiet", quiet || !terminal ? "1" : "0");
        try (in; Response r = client().upload("POST", "/images/load", q, "application/x-tar", in, Map.of())) {
            String type = r.header("content-type");
            if (type != null && type.equals("application/json")) {
                JsonMessageDisplay d = new JsonMessageDisplay(out(), terminal, session().ttySize()[1], null);
                JsonMessages.each(r.body(), d::accept);
            } else {
                r.body().transferTo(session().rawOut());
            }
        }
        return 0;
    }
}
