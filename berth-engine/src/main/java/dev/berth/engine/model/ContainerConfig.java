package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.image.model.ImageConfig;
import java.util.List;
import java.util.Map;

/**
 * Docker's container {@code Config} (api/types/container Config): the portable part of a create
 * body and the {@code Config} of inspect. Field names are exactly Docker's; absent or null fields
 * are Java nulls and are left out when written; unknown fields are ignored; names match in any
 * case, as in Go. Cmd, Entrypoint and Shell accept a single string as well as an array (Go's
 * StrSlice).
 *
 * <p>Null and empty differ where Docker makes them differ: an Entrypoint of {@code null} means
 * "the image's", {@code []} means "none, but keep the image's Cmd" (see
 * {@code dev.berth.engine.spec.ConfigMerge}). ExposedPorts and Volumes map to empty objects
 * ({@code {"80/tcp":{}}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") Boolean attachStdin,
        @JsonProperty("AttachStdout") Boolean attachStdout,
        @JsonProperty("AttachStderr") Boolean attachStderr,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Tty") Boolean tty,
        @JsonProperty("OpenStdin") Boolean openStdin,
        @JsonProperty("StdinOnce") Boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cmd,
        @JsonProperty("Healthcheck") ImageConfig.Healthcheck healthcheck,
        @JsonProperty("ArgsEscaped") Boolean argsEscaped,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> entrypoint,
        @JsonProperty("NetworkDisabled") Boolean networkDisabled,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") Integer stopTimeout,
        @JsonProperty("Shell") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> shell) {

    public ContainerConfig {
        exposedPorts = Immutable.map(exposedPorts);
        env = Immutable.list(env);
        cmd = Immutable.list(cmd);
        volumes = Immutable.map(volumes);
        entrypoint = Immutable.list(entrypoint);
        onBuild = Immutable.list(onBuild);
        labels = Immutable.map(labels);
        shell = Immutable.list(shell);
    }


    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ContainerConfig's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hostname = hostname;
        b.domainname = domainname;
        b.user = user;
        b.attachStdin = attachStdin;
        b.attachStdout = attachStdout;
        b.attachStderr = attachStderr;
        b.exposedPorts = exposedPorts;
        b.tty = tty;
        b.openStdin = openStdin;
        b.stdinOnce = stdinOnce;
        b.env = env;
        b.cmd = cmd;
        b.healthcheck = healthcheck;
        b.argsEscaped = argsEscaped;
        b.image = image;
        b.volumes = volumes;
        b.workingDir = workingDir;
        b.entrypoint = entrypoint;
        b.networkDisabled = networkDisabled;
        b.macAddress = macAddress;
        b.onBuild = onBuild;
        b.labels = labels;
        b.stopSignal = stopSignal;
        b.stopTimeout = stopTimeout;
        b.shell = shell;
        return b;
    }

    /** Mutable builder; unset fields stay null (absent from the JSON). */
    public static final class Builder {
        private String hostname;
        private String domainname;
        private String user;
        private Boolean attachStdin;
        private Boolean attachStdout;
        private Boolean attachStderr;
        private Map<String, Object> exposedPorts;
        private Boolean tty;
        private Boolean openStdin;
        private Boolean stdinOnce;
        private List<String> env;
        private List<String> cmd;
        private ImageConfig.Healthcheck healthcheck;
        private Boolean argsEscaped;
        private String image;
        private Map<String, Object> volumes;
        private String workingDir;
        private List<String> entrypoint;
        private Boolean networkDisabled;
        private String macAddress;
        private List<String> onBuild;
        private Map<String, String> labels;
        private String stopSignal;
        private Integer stopTimeout;
        private List<String> shell;

        private Builder() {}

        public Builder hostname(String v) { hostname = v; return this; }
        public Builder domainname(String v) { domainname = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder attachStdin(Boolean v) { attachStdin = v; return this; }
        public Builder attachStdout(Boolean v) { attachStdout = v; return this; }
        public Builder attachStderr(Boolean v) { attachStderr = v; return this; }
        public Builder exposedPorts(Map<String, Object> v) { exposedPorts = v; return this; }
        public Builder tty(Boolean v) { tty = v; return this; }
        public Builder openStdin(Boolean v) { openStdin = v; return this; }
        public Builder stdinOnce(Boolean v) { stdinOnce = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder cmd(List<String> v) { cmd = v; return this; }
        public Builder healthcheck(ImageConfig.Healthcheck v) { healthcheck = v; return this; }
        public Builder argsEscaped(Boolean v) { argsEscaped = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder volumes(Map<String, Object> v) { volumes = v; return this; }
        public Builder workingDir(String v) { workingDir = v; return this; }
        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
        public Builder networkDisabled(Boolean v) { networkDisabled = v; return this; }
        public Builder macAddress(String v) { macAddress = v; return this; }
        public Builder onBuild(List<String> v) { onBuild = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder stopSignal(String v) { stopSignal = v; return this; }
        public Builder stopTimeout(Integer v) { stopTimeout = v; return this; }
        public Builder shell(List<String> v) { shell = v; return this; }

        public ContainerConfig build() {
            return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts, tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes, workingDir, entrypoint, networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
        }
    }
}
