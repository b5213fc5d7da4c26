package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** HostConfig.LogConfig: the log driver ("json-file", ...) and its options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
    public LogConfig {
        config = Immutable.map(config);
    }
}
