package dev.berth.image.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The platform an image (or an index entry) is for; JSON as in the OCI image index. */
public record Platform(
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant,
        List<String> features) {

    public Platform {
        osFeatures = Copies.list(osFeatures);
        features = Copies.list(features);
    }

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(architecture, os, null, null, variant, null);
    }
}
