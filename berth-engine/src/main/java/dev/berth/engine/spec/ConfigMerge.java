package dev.berth.engine.spec;

import dev.berth.engine.model.ContainerConfig;
import dev.berth.image.model.ImageConfig;
import dev.berth.oci.runtime.SpecDefaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's rules for combining a create request's Config with the image's (moby daemon/commit.go
 * merge, daemon/create.go mergeAndVerifyConfig) and for the process environment
 * (container.CreateDaemonEnvironment). Pure.
 */
public final class ConfigMerge {
    private ConfigMerge() {}

    /**
     * The container's effective Config, as Docker stores it: the request's values, with the
     * image's filling what the request leaves empty.
     * <ul>
     *   <li>User, WorkingDir, StopSignal: the image's when the request's are empty.
     *   <li>Env: the request's, then each image variable whose name the request does not set.
     *   <li>ExposedPorts, Volumes, Labels: the union; the request's value wins for a label.
     *   <li>Entrypoint and Cmd: when the request has a non-empty Entrypoint, the request's Cmd is
     *       used as is (the image's Cmd is dropped). Otherwise Cmd falls back to the image's, and a
     *       null Entrypoint to the image's ({@code []} keeps none). An Entrypoint of {@code [""]}
     *       (the CLI's {@code --entrypoint ""}) ends up null without taking the image's Cmd.
     *   <li>Healthcheck: the image's fills each field the request leaves zero.
     * </ul>
     */
    public static ContainerConfig merge(ContainerConfig request, ImageConfig.Config image) {
        ContainerConfig.Builder b = request.toBuilder();
        if (image != null) {
            if (empty(request.user())) b.user(image.user());
            b.exposedPorts(union(request.exposedPorts(), image.exposedPorts()));
            b.env(mergeEnv(request.env(), image.env()));
            b.labels(unionKeepFirst(request.labels(), image.labels()));
            if (empty(request.entrypoint())) {
                if (empty(request.cmd())) b.cmd(image.cmd());
                if (request.entrypoint() == null) b.entrypoint(image.entrypoint());
            }
            b.healthcheck(mergeHealthcheck(request.healthcheck(), image.healthcheck()));
            if (empty(request.workingDir())) b.workingDir(image.workingDir());
            b.volumes(union(request.volumes(), image.volumes()));
            if (empty(request.stopSignal())) b.stopSignal(image.stopSignal());
        }
        ContainerConfig merged = b.build();
        List<String> ep = merged.entrypoint();
        if (ep != null && ep.size() == 1 && "".equals(ep.get(0))) merged = merged.toBuilder().entrypoint(null).build();
        return merged;
    }

    /** The process args of a merged config: Entrypoint then Cmd; "No command specified" when both are empty. */
    public static List<String> args(ContainerConfig merged) {
        List<String> args = new ArrayList<>();
        if (merged.entrypoint() != null) args.addAll(merged.entrypoint());
        if (merged.cmd() != null) args.addAll(merged.cmd());
        if (empty(merged.entrypoint()) && empty(merged.cmd())) throw Errors.invalid("No command specified");
        return List.copyOf(args);
    }

    /**
     * The process environment: PATH (Docker's default), HOSTNAME, TERM=xterm with a tty, then the
     * merged config's Env replacing those by name or appending; "NAME" without "=" removes NAME.
     */
    public static List<String> processEnv(List<String> mergedEnv, String hostname, boolean tty) {
        List<String> env = new ArrayList<>();
        env.add(SpecDefaults.DEFAULT_PATH_ENV);
        env.add("HOSTNAME=" + hostname);
        if (tty) env.add("TERM=xterm");
        return replaceOrAppend(env, mergedEnv == null ? List.of() : mergedEnv);
    }

    /** Docker's ReplaceOrAppendEnvValues. */
    static List<String> replaceOrAppend(List<String> defaults, List<String> overrides) {
        List<String> out = new ArrayList<>(defaults);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) index.put(name(out.get(i)), i);
        for (String value : overrides) {
            if (value == null) continue;
            int eq = value.indexOf('=');
            if (eq < 0) {
                Integer i = index.get(value);
                if (i != null) out.set(i, null);
                continue;
            }
            Integer i = index.get(value.substring(0, eq));
            if (i != null) {
                out.set(i, value);
            } else {
                out.add(value);
            }
        }
        out.removeIf(v -> v == null);
        return List.copyOf(out);
    }

    private static List<String> mergeEnv(List<String> request, List<String> image) {
        if (empty(request)) return image;
        List<String> out = new ArrayList<>(request);
        for (String imageVar : image == null ? List.<String>of() : image) {
            String key = name(imageVar);
            if (request.stream().noneMatch(u -> u != null && name(u).equals(key))) out.add(imageVar);
        }
        return out;
    }

    private static String name(String envEntry) {
        int eq = envEntry.indexOf('=');
        return eq < 0 ? envEntry : envEntry.substring(0, eq);
    }

    private static Map<String, Object> union(Map<String, Object> request, Map<String, Object> image) {
        if (request == null || request.isEmpty()) return image == null ? request : image;
        Map<String, Object> out = new LinkedHashMap<>(request);
        if (image != null) image.forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, String> unionKeepFirst(Map<String, String> request, Map<String, String> image) {
        Map<String, String> out = new LinkedHashMap<>(request == null ? Map.of() : request);
        if (image != null) image.forEach(out::putIfAbsent);
        return out;
    }

    private static ImageConfig.Healthcheck mergeHealthcheck(ImageConfig.Healthcheck request, ImageConfig.Healthcheck image) {
        if (image == null) return request;
        if (request == null) return image;
        return new ImageConfig.Healthcheck(
                empty(request.test()) ? image.test() : request.test(),
                zero(request.interval()) ? image.interval() : request.interval(),
                zero(request.timeout()) ? image.timeout() : request.timeout(),
                zero(request.startPeriod()) ? image.startPeriod() : request.startPeriod(),
                zero(request.startInterval()) ? image.startInterval() : request.startInterval(),
                request.retries() == null || request.retries() == 0 ? image.retries() : request.retries());
    }

    private static boolean zero(Long v) {
        return v == null || v == 0;
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    static boolean empty(List<?> l) {
        return l == null || l.isEmpty();
    }
}
