package dev.berth.image.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.image.content.Digest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image configuration (OCI {@code application/vnd.oci.image.config.v1+json}, which Docker's
 * {@code application/vnd.docker.container.image.v1+json} extends). JSON field names are exactly
 * the specs'; Docker's extra top-level fields {@code container}, {@code container_config} and
 * {@code docker_version} are modelled, and any other unknown field is kept in {@code extra} so a
 * config derived from this one (commit, build) does not lose it.
 *
 * <p>The image ID is the digest of the config blob <em>as stored</em>: never re-serialize a config
 * you did not create and expect the same ID.
 */
public record ImageConfig(
        String created,
        String author,
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant,
        Config config,
        RootFs rootfs,
        List<History> history,
        String container,
        @JsonProperty("container_config") Config containerConfig,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ImageConfig {
        osFeatures = Copies.list(osFeatures);
        history = Copies.list(history);
        extra = Copies.extras(extra);
    }

    /**
     * The runtime defaults of containers made from the image (Docker's container.Config subset
     * that images carry; everything else, such as Hostname, lands in {@code extra}).
     */
    public record Config(
            @JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Healthcheck") Healthcheck healthcheck,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("ArgsEscaped") Boolean argsEscaped,
            @JsonProperty("Shell") List<String> shell,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Config {
            exposedPorts = Copies.map(exposedPorts);
            env = Copies.list(env);
            entrypoint = Copies.list(entrypoint);
            cmd = Copies.list(cmd);
            volumes = Copies.map(volumes);
            labels = Copies.map(labels);
            onBuild = Copies.list(onBuild);
            shell = Copies.list(shell);
            extra = Copies.extras(extra);
        }

        public static Config empty() {
            return new Config(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** Docker's HEALTHCHECK; durations are nanoseconds as in Docker's JSON. */
    public record Healthcheck(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") Long interval,
            @JsonProperty("Timeout") Long timeout,
            @JsonProperty("StartPeriod") Long startPeriod,
            @JsonProperty("StartInterval") Long startInterval,
            @JsonProperty("Retries") Integer retries) {
        public Healthcheck {
            test = Copies.list(test);
        }
    }

    /** The layer stack: {@code type} is always "layers"; diff IDs are digests of the uncompressed layer tars. */
    public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
        public static final String LAYERS = "layers";

        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }

        public static RootFs layers(List<Digest> diffIds) {
            return new RootFs(LAYERS, diffIds);
        }
    }

    public record History(
            String created,
            @JsonProperty("created_by") String createdBy,
            String author,
            String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {}

    /** The diff IDs, bottom layer first (empty if the config has no rootfs). */
    public List<Digest> diffIds() {
        return rootfs == null ? List.of() : rootfs.diffIds();
    }

    /** The image labels (never null). */
    public Map<String, String> labels() {
        return config == null || config.labels() == null ? Map.of() : config.labels();
    }

    /** {@code created} as an instant, if present and well-formed (RFC 3339). */
    public Optional<Instant> createdInstant() {
        return parseTime(created);
    }

    static Optional<Instant> parseTime(String s) {
        if (s == null || s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
