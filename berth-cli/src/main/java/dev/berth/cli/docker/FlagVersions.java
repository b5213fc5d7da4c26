package dev.berth.cli.docker;

import dev.berth.cli.client.DockerClient;
import dev.berth.cli.opts.ContainerFlags;

/** cobra's "version" flag annotations: a flag the negotiated API version does not know is an error before anything is sent. */
final class FlagVersions {
    private FlagVersions() {}

    static void check(DockerCommand cmd, ContainerFlags f, String api) {
        need("--health-start-interval", "1.44", f.healthStartInterval != 0, api);
        need("--annotation", "1.43", !f.annotations.isEmpty(), api);
        need("--cgroupns", "1.41", !f.cgroupns.isEmpty(), api);
        need("--gpus", "1.40", f.gpus != null, api);
        need("--init", "1.25", f.init != null, api);
        need("--stop-timeout", "1.25", f.stopTimeout != null, api);
        need("--cpus", "1.25", f.nanoCpus != 0, api);
    }

    private static void need(String flag, String min, boolean used, String api) {
        if (used && DockerClient.compareVersions(api, min) < 0) {
            throw new CliException("\"" + flag + "\" requires API version " + min + ", but the Docker daemon API version is " + api);
        }
    }
}
