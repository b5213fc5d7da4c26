package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HostConfig.Devices entry: {@code --device /dev/sda:/dev/xvda:rwm}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record DeviceMapping(@JsonProperty("PathOnHost") String pathOnHost,
                            @JsonProperty("PathInContainer") String pathInContainer,
                            @JsonProperty("CgroupPermissions") String cgroupPermissions) {}
