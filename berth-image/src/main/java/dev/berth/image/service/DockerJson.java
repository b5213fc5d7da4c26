package dev.berth.image.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.model.ImageConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's JSON shapes that Berth's records do not keep verbatim: a container config rendered as
 * dockerd 20.10 renders {@code container.Config} (every field, in its order; the omitempty ones only when
 * set), as image inspect and docker save's legacy per-layer json show it. Pure.
 */
final class DockerJson {
    /** The shared mapper, but writing null values as Go does ("Env":null), which the shared one leaves out. */
    private static final ObjectMapper WITH_NULLS = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private DockerJson() {}

    /** JSON bytes of a Docker document, nulls included. */
    static byte[] bytes(Object document) {
        try {
            return WITH_NULLS.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw BerthException.internal("serialize " + document.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The config in container.Config's shape; null gives the empty config ("Env": null, ...). */
    static Map<String, Object> containerConfig(ImageConfig.Config c) {
        Map<String, Object> extra = c == null ? Map.of() : c.extra();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", extra.getOrDefault("Hostname", ""));
        m.put("Domainname", extra.getOrDefault("Domainname", ""));
        m.put("User", c == null || c.user() == null ? "" : c.user());
        m.put("AttachStdin", extra.getOrDefault("AttachStdin", false));
        m.put("AttachStdout", extra.getOrDefault("AttachStdout", false));
        m.put("AttachStderr", extra.getOrDefault("AttachStderr", false));
        if (c != null && c.exposedPorts() != null && !c.exposedPorts().isEmpty()) m.put("ExposedPorts", c.exposedPorts());
        m.put("Tty", extra.getOrDefault("Tty", false));
        m.put("OpenStdin", extra.getOrDefault("OpenStdin", false));
        m.put("StdinOnce", extra.getOrDefault("StdinOnce", false));
        m.put("Env", c == null ? null : c.env());
        m.put("Cmd", c == null ? null : c.cmd());
        if (c != null && c.healthcheck() != null) m.put("Healthcheck", healthcheck(c.healthcheck()));
        if (c != null && Boolean.TRUE.equals(c.argsEscaped())) m.put("ArgsEscaped", true);
        m.put("Image", extra.getOrDefault("Image", ""));
        m.put("Volumes", c == null ? null : c.volumes());
        m.put("WorkingDir", c == null || c.workingDir() == null ? "" : c.workingDir());
        m.put("Entrypoint", c == null ? null : c.entrypoint());
        if (Boolean.TRUE.equals(extra.get("NetworkDisabled"))) m.put("NetworkDisabled", true);
        if (extra.get("MacAddress") instanceof String s && !s.isEmpty()) m.put("MacAddress", s);
        m.put("OnBuild", c == null ? null : c.onBuild());
        m.put("Labels", c == null ? null : c.labels());
        if (c != null && c.stopSignal() != null && !c.stopSignal().isEmpty()) m.put("StopSignal", c.stopSignal());
        if (extra.get("StopTimeout") != null) m.put("StopTimeout", extra.get("StopTimeout"));
        if (c != null && c.shell() != null && !c.shell().isEmpty()) m.put("Shell", c.shell());
        for (Map.Entry<String, Object> e : extra.entrySet()) m.putIfAbsent(e.getKey(), e.getValue());
        return m;
    }

    static Map<String, Object> healthcheck(ImageConfig.Healthcheck h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Test", h.test());
        if (h.interval() != null) m.put("Interval", h.interval());
        if (h.timeout() != null) m.put("Timeout", h.timeout());
        if (h.startPeriod() != null) m.put("StartPeriod", h.startPeriod());
        if (h.startInterval() != null) m.put("StartInterval", h.startInterval());
        if (h.retries() != null) m.put("Retries", h.retries());
        return m;
    }
}
