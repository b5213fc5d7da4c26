package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * HostConfig.Mounts entry (api/types/mount Mount, {@code --mount}). Type is "bind", "volume",
 * "tmpfs" (or "npipe", Windows only). Not to be confused with the OCI spec's mount.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record Mount(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Target") String target,
        @JsonProperty("ReadOnly") Boolean readOnly,
        @JsonProperty("Consistency") String consistency,
        @JsonProperty("BindOptions") BindOptions bindOptions,
        @JsonProperty("VolumeOptions") VolumeOptions volumeOptions,
        @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {

    public static final String TYPE_BIND = "bind", TYPE_VOLUME = "volume", TYPE_TMPFS = "tmpfs";

    /** Propagation is one of private, rprivate, shared, rshared, slave, rslave. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record BindOptions(@JsonProperty("Propagation") String propagation,
                              @JsonProperty("NonRecursive") Boolean nonRecursive) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record VolumeOptions(@JsonProperty("NoCopy") Boolean noCopy,
                                @JsonProperty("Labels") Map<String, String> labels,
                                @JsonProperty("DriverConfig") Driver driverConfig) {
        public VolumeOptions {
            labels = Immutable.map(labels);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record Driver(@JsonProperty("Name") String name, @JsonProperty("Options") Map<String, String> options) {
        public Driver {
            options = Immutable.map(options);
        }
    }

    /** Size in bytes; Mode is a Go os.FileMode, i.e. the permission bits as a number (1777 octal is 1023). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record TmpfsOptions(@JsonProperty("SizeBytes") Long sizeBytes, @JsonProperty("Mode") Integer mode) {}
}
