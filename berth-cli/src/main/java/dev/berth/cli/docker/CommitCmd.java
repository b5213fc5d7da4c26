package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.format.ImageRef;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker commit: POST /commit with the reference normalised (docker.io/library/x) and the new image ID printed. */
@Command(name = "commit", customSynopsis = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", description = "Create a new image from a container's changes")
final class CommitCmd extends DockerCommand {
    @Option(names = {"-a", "--author"}, description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author = "";
    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, description = "Commit message")
    String message = "";
    @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Pause container during commit (default true)")
    boolean pause = true;

    @Override
    Arity arity() {
        return new Arity(1, 2);
    }

    @Override
    int run() {
        String repo = "", tag = "";
        if (args.size() == 2 && !args.get(1).isEmpty()) {
            ImageRef ref;
            try {
                ref = ImageRef.parse(args.get(1));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (ref.digest() != null) throw new CliException("refusing to create a tag with a digest reference");
            ref = ref.withDefaultTag();
            repo = ref.name();
            tag = ref.tag();
        }
        Query q = Query.of("container", args.get(0)).set("repo", repo).set("tag", tag).set("comment", message).set("author", author);
        for (String c : changes) q.add("changes", c);
        if (!pause) q.set("pause", "0");
        out().println(client().postJson("/commit", q, null).path("Id").asText());
        return 0;
    }
}
