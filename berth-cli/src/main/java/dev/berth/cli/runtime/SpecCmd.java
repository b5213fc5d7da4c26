package dev.berth.cli.runtime;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.oci.runtime.SpecDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "spec", description = "Write a default config.json into the bundle, as `runc spec` does.")
final class SpecCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Option(names = {"-b", "--bundle"}) Path bundle = Path.of(".");

    @Override
    public Integer call() throws Exception {
        Path config = bundle.resolve("config.json");
        if (Files.exists(config)) throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "File config.json exists. Remove it first");
        AtomicFiles.write(config, Json.pretty(SpecDefaults.runcSpec()), false);
        return 0;
    }
}
