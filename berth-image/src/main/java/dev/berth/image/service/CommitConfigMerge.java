package dev.berth.image.service;

import dev.berth.image.model.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * moby's daemon/commit.go {@code merge(userConf, imageConf)}: fills what the commit's config leaves
 * empty from the container's config (User, ExposedPorts union, Env by key, Labels, Cmd and Entrypoint
 * when there is no Entrypoint, Healthcheck field by field, WorkingDir, Volumes union, StopSignal). Pure.
 */
final class CommitConfigMerge {
    private CommitConfigMerge() {}

    static ImageConfig.Config merge(ImageConfig.Config user, ImageConfig.Config image) {
        if (image == null) return user;
        MutableConfig u = new MutableConfig(user);
        if (isEmpty(u.user)) u.user = image.user();
        if (u.exposedPorts == null || u.exposedPorts.isEmpty()) {
            u.exposedPorts = image.exposedPorts() == null ? null : new LinkedHashMap<>(image.exposedPorts());
        } else if (image.exposedPorts() != null) {
            image.exposedPorts().forEach(u.exposedPorts::putIfAbsent);
        }
        if (u.env == null || u.env.isEmpty()) {
            u.env = image.env() == null ? null : new ArrayList<>(image.env());
        } else if (image.env() != null) {
            for (String e : image.env()) {
                String key = key(e);
                if (u.env.stream().noneMatch(x -> key(x).equals(key))) u.env.add(e);
            }
        }
        if (u.labels == null) u.labels = new LinkedHashMap<>();
        if (image.labels() != null) image.labels().forEach(u.labels::putIfAbsent);
        if (u.entrypoint == null || u.entrypoint.isEmpty()) {
            if (u.cmd == null || u.cmd.isEmpty()) u.cmd = image.cmd();
            if (u.entrypoint == null) u.entrypoint = image.entrypoint();
        }
        if (image.healthcheck() != null) u.healthcheck = mergeHealthcheck(u.healthcheck, image.healthcheck());
        if (isEmpty(u.workingDir)) u.workingDir = image.workingDir();
        if (u.volumes == null || u.volumes.isEmpty()) {
            u.volumes = image.volumes() == null ? null : new LinkedHashMap<>(image.volumes());
        } else if (image.volumes() != null) {
            u.volumes.putAll(image.volumes());
        }
        if (isEmpty(u.stopSignal)) u.stopSignal = image.stopSignal();
        return u.build();
    }

    private static ImageConfig.Healthcheck mergeHealthcheck(ImageConfig.Healthcheck u, ImageConfig.Healthcheck i) {
        if (u == null) return i;
        List<String> test = u.test() == null || u.test().isEmpty() ? i.test() : u.test();
        return new ImageConfig.Healthcheck(test, orElse(u.interval(), i.interval()), orElse(u.timeout(), i.timeout()),
                orElse(u.startPeriod(), i.startPeriod()), orElse(u.startInterval(), i.startInterval()),
                u.retries() == null || u.retries() == 0 ? i.retries() : u.retries());
    }

    private static Long orElse(Long v, Long other) {
        return v == null || v == 0 ? other : v;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String key(String env) {
        int eq = env.indexOf('=');
        return eq < 0 ? env : env.substring(0, eq);
    }
}
