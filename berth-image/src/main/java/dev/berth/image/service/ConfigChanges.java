package dev.berth.image.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.model.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code docker commit --change} and {@code docker import --change}: Dockerfile instructions applied to
 * a container config, as moby's {@code dockerfile.BuildFromConfig} does. Accepted: CMD, ENTRYPOINT, ENV,
 * EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR; anything else fails with
 * Docker's {@code "run is not a valid change command"} (the instruction lowercased). Variables in ENV,
 * LABEL, EXPOSE, USER, VOLUME, WORKDIR and STOPSIGNAL are expanded from the environment as it was
 * before that instruction. All errors are INVALID_ARGUMENT with Docker's texts. Pure.
 */
public final class ConfigChanges {
    private static final Set<String> VALID = Set.of(
            "cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild", "stopsignal", "user", "volume", "workdir");
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");

    private final MutableConfig c;
    private boolean cmdSet;

    private ConfigChanges(ImageConfig.Config base) {
        this.c = new MutableConfig(base);
    }

    /** The config with the changes applied; base itself when there are none. base may be null (empty config). */
    public static ImageConfig.Config apply(ImageConfig.Config base, List<String> changes) {
        if (changes == null || changes.isEmpty()) return base;
        List<DockerfileLines.Instruction> instructions = DockerfileLines.parse(changes);
        for (DockerfileLines.Instruction i : instructions) {
            if (!VALID.contains(i.command())) throw BerthException.invalid("%s is not a valid change command", i.command());
        }
        ConfigChanges run = new ConfigChanges(base);
        for (DockerfileLines.Instruction i : instructions) run.dispatch(i);
        return run.c.build();
    }

    private void dispatch(DockerfileLines.Instruction i) {
        String name = i.command().toUpperCase(Locale.ROOT);
        if (!name.equals("HEALTHCHECK") && !i.flags().isEmpty()) throw BerthException.invalid("unknown flag: %s", flagName(i.flags().get(0)));
        Map<String, String> env = ShellWords.envMap(c.env);
        String rest = i.rest();
        switch (i.command()) {
            case "env" -> {
                for (String[] kv : nameValues(rest, name)) setEnv(ShellWords.word(kv[0], env), ShellWords.word(kv[1], env));
            }
            case "label" -> {
                if (c.labels == null) c.labels = new LinkedHashMap<>();
                for (String[] kv : nameValues(rest, name)) c.labels.put(ShellWords.word(kv[0], env), ShellWords.word(kv[1], env));
            }
            case "cmd" -> {
                CmdLine line = cmdLine(rest);
                c.cmd = line.resolve(c.shell, false);
                c.argsEscaped = null;
                if (!line.args.isEmpty()) cmdSet = true;
            }
            case "entrypoint" -> {
                c.entrypoint = cmdLine(rest).resolve(c.shell, true);
                c.argsEscaped = null;
                if (!cmdSet) c.cmd = null;
            }
            case "expose" -> {
                if (rest.isEmpty()) throw atLeastOne(name);
                List<String> words = new ArrayList<>(List.of(rest.split("\\s+")));
                words.sort(null);
                if (c.exposedPorts == null) c.exposedPorts = new LinkedHashMap<>();
                for (String w : words) {
                    for (String p : ShellWords.words(w, env)) {
                        for (String port : ChangeValues.exposedPorts(p)) c.exposedPorts.put(port, Map.of());
                    }
                }
            }
            case "user" -> c.user = ShellWords.word(exactlyOne(rest, name), env);
            case "volume" -> {
                List<String> vols = jsonOrWords(rest);
                if (vols.isEmpty()) throw atLeastOne(name);
                if (c.volumes == null) c.volumes = new LinkedHashMap<>();
                for (String v : vols) {
                    String expanded = ShellWords.word(v, env).strip();
                    if (expanded.isEmpty()) throw BerthException.invalid("VOLUME specified can not be an empty string");
                    c.volumes.put(expanded, Map.of());
                }
            }
            case "workdir" -> c.workingDir = workdir(c.workingDir, ShellWords.word(exactlyOne(rest, name), env));
            case "stopsignal" -> {
                String sig = ShellWords.word(exactlyOne(rest, name), env);
                ChangeValues.checkSignal(sig);
                c.stopSignal = sig;
            }
            case "onbuild" -> onBuild(i);
            case "healthcheck" -> c.healthcheck = HealthcheckChange.parse(i);
            default -> throw new IllegalStateException("unhandled change command " + i.command());
        }
    }

    private void setEnv(String key, String value) {
        if (c.env == null) c.env = new ArrayList<>();
        String entry = key + "=" + value;
        for (int n = 0; n < c.env.size(); n++) {
            String e = c.env.get(n);
            int eq = e.indexOf('=');
            if ((eq < 0 ? e : e.substring(0, eq)).equals(key)) {
                c.env.set(n, entry);
                return;
            }
        }
        c.env.add(entry);
    }

    private void onBuild(DockerfileLines.Instruction i) {
        if (i.rest().isEmpty()) throw atLeastOne("ONBUILD");
        String trigger = i.rest().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw BerthException.invalid("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw BerthException.invalid("%s isn't allowed as an ONBUILD trigger", trigger);
            default -> { }
        }
        if (c.onBuild == null) c.onBuild = new ArrayList<>();
        c.onBuild.add(ONBUILD_PREFIX.matcher(i.original()).replaceFirst(""));
    }

    /** The arguments of CMD/ENTRYPOINT/HEALTHCHECK CMD: an exec-form JSON array or the shell-form text. */
    record CmdLine(List<String> args, boolean json) {
        List<String> resolve(List<String> shell, boolean emptyAsNull) {
            if (emptyAsNull && args.isEmpty()) return null;
            if (json) return args;
            List<String> out = new ArrayList<>(shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell);
            out.addAll(args);
            return out;
        }
    }

    static CmdLine cmdLine(String rest) {
        if (rest.isEmpty()) return new CmdLine(List.of(), false);
        List<String> json = jsonArray(rest);
        if (json != null) return new CmdLine(json, true);
        return new CmdLine(List.of(rest), false);
    }

    /** The strings of a JSON array, or null when rest is not a JSON array at all. */
    private static List<String> jsonArray(String rest) {
        String t = rest.stripLeading();
        if (!t.startsWith("[")) return null;
        JsonNode node;
        try {
            node = Json.mapper().readTree(t);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || !node.isArray()) return null;
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) throw BerthException.invalid("when using JSON array syntax, arrays must be comprised of strings only");
            out.add(n.asText());
        }
        return out;
    }

    private static List<String> jsonOrWords(String rest) {
        List<String> json = jsonArray(rest);
        if (json != null) return json;
        if (rest.isEmpty()) return List.of();
        return List.of(rest.split("\\s+"));
    }

    /** ENV/LABEL pairs: {@code k=v k2="v 2"} or the legacy {@code k value}; quotes are removed later. */
    private static List<String[]> nameValues(String rest, String name) {
        List<String> words = DockerfileLines.wordsKeepingQuotes(rest);
        if (words.isEmpty()) throw atLeastOne(name);
        List<String[]> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            String[] parts = rest.split("\\s+", 2);
            if (parts.length < 2) throw BerthException.invalid("%s must have two arguments", name);
            out.add(parts);
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) throw BerthException.invalid("Syntax error - can't find = in %s. Must be of the form: name=value", quoteGo(w));
            if (eq == 0) throw BerthException.invalid("%s names can not be blank", name);
            out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }

    /** WORKDIR: relative paths are taken relative to the current one (moby's normalizeWorkdir). */
    static String workdir(String current, String requested) {
        if (requested.isEmpty()) throw BerthException.invalid("cannot normalize nothing");
        Path req = Path.of(requested);
        if (req.isAbsolute()) return req.normalize().toString();
        return Path.of("/", current == null ? "" : current, requested).normalize().toString();
    }

    private static String exactlyOne(String rest, String name) {
        if (rest.isEmpty()) throw BerthException.invalid("%s requires exactly one argument", name);
        return rest;
    }

    static BerthException atLeastOne(String name) {
        return BerthException.invalid("%s requires at least one argument", name);
    }

    static String flagName(String flag) {
        String f = flag.startsWith("--") ? flag.substring(2) : flag;
        int eq = f.indexOf('=');
        return eq < 0 ? f : f.substring(0, eq);
    }

    private static String quoteGo(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
