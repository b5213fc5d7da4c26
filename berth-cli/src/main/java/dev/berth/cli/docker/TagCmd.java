package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.format.ImageRef;
import picocli.CommandLine.Command;

/** docker tag SOURCE TARGET. */
@Command(name = "tag", customSynopsis = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
final class TagCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(2, 2);
    }

    @Override
    int run() {
        String source = args.get(0), target = args.get(1);
        if (!source.matches("(sha256:)?[a-f0-9]{64}")) {
            try {
                ImageRef.parse(source);
            } catch (IllegalArgumentException e) {
                throw new CliException("Error parsing reference: \"" + source + "\" is not a valid repository/tag: " + e.getMessage());
            }
        }
        ImageRef ref;
        try {
            ref = ImageRef.parse(target);
        } catch (IllegalArgumentException e) {
            throw new CliException("Error parsing reference: \"" + target + "\" is not a valid repository/tag: " + e.getMessage());
        }
        if (ref.digest() != null) throw new CliException("refusing to create a tag with a digest reference");
        ref = ref.withDefaultTag();
        client().call("POST", "/images/" + source + "/tag", Query.of("repo", ref.name()).set("tag", ref.tag()), null).close();
        return 0;
    }
}
