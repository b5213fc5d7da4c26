package dev.berth.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;

import java.io.IOException;
import java.util.Optional;

/** Reads the bits Berth needs from {@code nft -j list chain ...} output. Pure, so it is unit-tested on captures. */
final class NftJson {
    private NftJson() {}

    /** The base-chain policy ({@code "accept"}/{@code "drop"}) of chain {@code name}; empty for a regular chain. */
    static Optional<String> chainPolicy(String json, String name) {
        for (JsonNode item : items(json)) {
            JsonNode chain = item.get("chain");
            if (chain != null && name.equals(chain.path("name").asText())) {
                JsonNode policy = chain.get("policy");
                return policy == null ? Optional.empty() : Optional.of(policy.asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode items(String json) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            JsonNode items = root == null ? null : root.get("nftables");
            if (items == null || !items.isArray()) throw new IOException("no \"nftables\" array");
            return items;
        } catch (IOException e) {
            throw BerthException.internal("cannot parse nft -j output: " + e.getMessage(), e);
        }
    }
}
