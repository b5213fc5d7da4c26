package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One network's entry in NetworkingConfig.EndpointsConfig (api/types/network EndpointSettings),
 * the subset a create request carries; the addresses filled in by the daemon are here too so
 * inspect can show them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record EndpointSettings(
        @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
        @JsonProperty("Links") List<String> links,
        @JsonProperty("Aliases") List<String> aliases,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("DriverOpts") Map<String, String> driverOpts,
        @JsonProperty("NetworkID") String networkId,
        @JsonProperty("EndpointID") String endpointId,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") Integer ipPrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") Integer globalIpv6PrefixLen,
        @JsonProperty("DNSNames") List<String> dnsNames) {

    public EndpointSettings {
        links = Immutable.list(links);
        aliases = Immutable.list(aliases);
        driverOpts = Immutable.map(driverOpts);
        dnsNames = Immutable.list(dnsNames);
    }

    /** Static addresses asked for with {@code --ip}, {@code --ip6}, {@code --link-local-ip}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address,
                             @JsonProperty("IPv6Address") String ipv6Address,
                             @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {
        public IpamConfig {
            linkLocalIps = Immutable.list(linkLocalIps);
        }
    }
}
