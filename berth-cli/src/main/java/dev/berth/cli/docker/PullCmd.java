package dev.berth.cli.docker;

import dev.berth.cli.format.ImageRef;
import dev.berth.cli.opts.Converters;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker pull: progress on stdout, then the full reference. */
@Command(name = "pull", customSynopsis = "[OPTIONS] NAME[:TAG|@DIGEST]", description = "Download an image from a registry")
final class PullCmd extends DockerCommand {
    @Option(names = {"-a", "--all-tags"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Download all tagged images in the repository")
    boolean allTags;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform = "";
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Suppress verbose output")
    boolean quiet;
    @Option(names = "--disable-content-trust", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Skip image verification (default true)")
    boolean disableContentTrust = true;

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() {
        ImageRef ref;
        try {
            ref = ImageRef.parse(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        boolean nameOnly = ref.tag() == null && ref.digest() == null;
        if (allTags && !nameOnly) throw new CliException("tag can't be used with --all-tags/-a");
        if (!allTags && nameOnly) {
            ref = ref.withDefaultTag();
            if (!quiet) out().println("Using default tag: " + ref.tag());
        }
        PrintStream progress = quiet ? new PrintStream(OutputStream.nullOutputStream()) : out();
        ImagePull.pull(session(), ref.toString(), platform, progress, session().stdoutIsTerminal());
        out().println(ref);
        return 0;
    }
}
