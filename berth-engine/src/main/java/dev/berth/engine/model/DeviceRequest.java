package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** HostConfig.DeviceRequests entry ({@code --gpus}): handed to a device driver such as nvidia. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record DeviceRequest(
        @JsonProperty("Driver") String driver,
        @JsonProperty("Count") Integer count,
        @JsonProperty("DeviceIDs") List<String> deviceIds,
        @JsonProperty("Capabilities") List<List<String>> capabilities,
        @JsonProperty("Options") Map<String, String> options) {
    public DeviceRequest {
        deviceIds = Immutable.list(deviceIds);
        capabilities = Immutable.list(capabilities);
        options = Immutable.map(options);
    }
}
