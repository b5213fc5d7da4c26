package dev.berth.image.service;

import dev.berth.image.model.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A working copy of an {@link ImageConfig.Config} for code that changes it field by field. */
final class MutableConfig {
    String user;
    Map<String, Object> exposedPorts;
    List<String> env;
    List<String> entrypoint;
    List<String> cmd;
    Map<String, Object> volumes;
    String workingDir;
    Map<String, String> labels;
    String stopSignal;
    ImageConfig.Healthcheck healthcheck;
    List<String> onBuild;
    Boolean argsEscaped;
    List<String> shell;
    Map<String, Object> extra;

    MutableConfig(ImageConfig.Config c) {
        if (c == null) c = ImageConfig.Config.empty();
        user = c.user();
        exposedPorts = c.exposedPorts() == null ? null : new LinkedHashMap<>(c.exposedPorts());
        env = c.env() == null ? null : new ArrayList<>(c.env());
        entrypoint = c.entrypoint();
        cmd = c.cmd();
        volumes = c.volumes() == null ? null : new LinkedHashMap<>(c.volumes());
        workingDir = c.workingDir();
        labels = c.labels() == null ? null : new LinkedHashMap<>(c.labels());
        stopSignal = c.stopSignal();
        healthcheck = c.healthcheck();
        onBuild = c.onBuild() == null ? null : new ArrayList<>(c.onBuild());
        argsEscaped = c.argsEscaped();
        shell = c.shell();
        extra = new LinkedHashMap<>(c.extra());
    }

    ImageConfig.Config build() {
        return new ImageConfig.Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, argsEscaped, shell, extra);
    }
}
