package dev.berth.cli.docker;

import dev.berth.cli.client.JsonMessages;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.ImageRef;
import dev.berth.cli.format.JsonMessageDisplay;
import dev.berth.cli.opts.Converters;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker push: POST /images/{name}/push?tag= with its progress. */
@Command(name = "push", customSynopsis = "[OPTIONS] NAME[:TAG]", description = "Upload an image to a registry")
final class PushCmd extends DockerCommand {
    @Option(names = {"-a", "--all-tags"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Push all tags of an image to the repository")
    boolean allTags;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Suppress verbose output")
    boolean quiet;
    @Option(names = "--disable-content-trust", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Skip image signing (default true)")
    boolean disableContentTrust = true;

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() throws Exception {
        ImageRef ref;
        try {
            ref = ImageRef.parse(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (ref.digest() != null) throw new CliException("cannot push a digest reference");
        Query q = Query.of();
        if (!allTags) {
            ref = ref.withDefaultTag();
            q.set("tag", ref.tag());
        } else if (ref.tag() != null) {
            throw new CliException("tag can't be used with --all-tags/-a");
        }
        try (Response r = client().call("POST", "/images/" + ref.name() + "/push", q, null, Map.of("X-Registry-Auth", ImagePull.NO_AUTH))) {
            if (quiet) {
                JsonMessages.each(r.body(), m -> {
                    if (m.hasNonNull("errorDetail")) throw new JsonMessageDisplay.StreamError(m.path("errorDetail").path("message").asText(), 0);
                });
                out().println(ref.familiarString());
            } else {
                JsonMessageDisplay d = new JsonMessageDisplay(out(), session().stdoutIsTerminal(), session().ttySize()[1], null);
                JsonMessages.each(r.body(), d::accept);
            }
        }
        return 0;
    }
}
