package dev.berth.oci.runtime;

import com.fasterxml.jackson.core.JacksonException;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a bundle's spec before anything is created, with runc's messages where runc has one.
 * Everything is INVALID_ARGUMENT except what the tables refuse as UNSUPPORTED (a time namespace,
 * a mount option Berth cannot honour).
 */
public final class SpecValidator {
    private SpecValidator() {}

    /** Reads bundle/config.json and validates it. */
    public static Spec load(Path bundle) {
        Path config = bundle.resolve("config.json");
        Spec spec;
        try {
            if (Files.exists(config) && !Files.isRegularFile(config)) {
                throw BerthException.invalid("JSON specification file %s is not a regular file", config);
            }
            spec = Json.mapper().readValue(Files.readAllBytes(config), Spec.class);
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("JSON specification file config.json not found");
        } catch (JacksonException e) {
            throw BerthException.invalid("malformed JSON specification file %s: %s", config, e.getOriginalMessage());
        } catch (IOException e) {
            throw BerthException.internal("read " + config + ": " + e.getMessage(), e);
        }
        if (spec == null) throw BerthException.invalid("JSON specification file %s holds no spec", config);
        validate(spec, bundle);
        return spec;
    }

    /** Throws a BerthException naming the first problem found; relative root paths are taken from bundle. */
    public static void validate(Spec spec, Path bundle) {
        if (spec == null) throw BerthException.invalid("spec must not be null");
        if (spec.ociVersion() == null || spec.ociVersion().isBlank()) {
            throw BerthException.invalid("ociVersion must be specified");
        }
        checkProcess(spec.process());
        checkRoot(spec.root(), bundle);
        checkMounts(spec.mounts());
        Spec.Linux linux = spec.linux();
        Map<String, String> joined = checkNamespaces(linux == null ? null : linux.namespaces());
        Set<String> namespaces = joined.keySet();
        if (linux != null) checkUserNamespace(linux, namespaces, joined.get("user"));
        if (notEmpty(spec.hostname()) && !namespaces.contains("uts")) {
            throw BerthException.invalid("unable to set hostname without a private UTS namespace");
        }
        if (notEmpty(spec.domainname()) && !namespaces.contains("uts")) {
            throw BerthException.invalid("unable to set domainname without a private UTS namespace");
        }
        if (linux != null) {
            if ((notEmpty(linux.maskedPaths()) || notEmpty(linux.readonlyPaths())) && !namespaces.contains("mount")) {
                throw BerthException.invalid("unable to restrict sys entries without a private MNT namespace");
            }
            SysctlRules.check(linux.sysctl(), namespaces, joined.get("network"));
        }
    }

    private static void checkProcess(Spec.Process process) {
        if (process == null) throw BerthException.invalid("process property must not be empty");
        if (process.cwd() == null || process.cwd().isEmpty()) {
            throw BerthException.invalid("cwd property must not be empty");
        }
        if (!process.cwd().startsWith("/")) {
            throw BerthException.invalid("cwd property must be an absolute path (got \"%s\")", process.cwd());
        }
        if (process.args() == null || process.args().isEmpty()) throw BerthException.invalid("args must not be empty");
        if (process.user() != null && (process.user().uid() < 0 || process.user().gid() < 0)) {
            throw BerthException.invalid("process.user uid and gid must not be negative");
        }
        Spec.Capabilities caps = process.capabilities();
        if (caps != null) {
            for (List<String> set : List.of(nullToEmpty(caps.bounding()), nullToEmpty(caps.effective()),
                    nullToEmpty(caps.inheritable()), nullToEmpty(caps.permitted()), nullToEmpty(caps.ambient()))) {
                CapabilityTable.mask(set);
            }
        }
        Set<String> seen = new HashSet<>();
        for (Spec.Rlimit rlimit : nullToEmpty(process.rlimits())) {
            Rlimits.number(rlimit.type());
            if (!seen.add(rlimit.type())) throw BerthException.invalid("duplicate rlimit type \"%s\"", rlimit.type());
            if (Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
                throw BerthException.invalid("rlimit %s: soft limit %s is above the hard limit %s", rlimit.type(),
                        Long.toUnsignedString(rlimit.soft()), Long.toUnsignedString(rlimit.hard()));
            }
        }
    }

    private static void checkRoot(Spec.Root root, Path bundle) {
        if (root == null || root.path() == null || root.path().isEmpty()) {
            throw BerthException.invalid("root must be specified");
        }
        Path rootfs = bundle.resolve(root.path()).normalize();
        if (!Files.exists(rootfs)) throw BerthException.invalid("rootfs (%s) does not exist", rootfs);
        if (!Files.isDirectory(rootfs)) throw BerthException.invalid("rootfs (%s) is not a directory", rootfs);
    }

    private static void checkMounts(List<Spec.Mount> mounts) {
        for (Spec.Mount m : nullToEmpty(mounts)) {
            if (m.destination() == null || !m.destination().startsWith("/")) {
                throw BerthException.invalid("mount destination \"%s\" is not an absolute path", m.destination());
            }
            MountOptions.parse(m.options());
        }
    }

    /** Returns the namespace types in use, each with the path it joins ("" for a new one). */
    private static Map<String, String> checkNamespaces(List<Spec.Namespace> namespaces) {
        Map<String, String> out = new HashMap<>();
        for (Spec.Namespace ns : nullToEmpty(namespaces)) {
            Namespaces.cloneFlag(ns.type());
            String path = ns.path() == null ? "" : ns.path();
            if (out.putIfAbsent(ns.type(), path) != null) {
                throw BerthException.invalid("duplicate namespace type \"%s\"", ns.type());
            }
            if (!path.isEmpty()) {
                if (!path.startsWith("/")) {
                    throw BerthException.invalid("%s namespace path \"%s\" is not an absolute path", ns.type(), path);
                }
                if (!Files.exists(Path.of(path))) {
                    throw BerthException.invalid("%s namespace path \"%s\" does not exist", ns.type(), path);
                }
            }
        }
        return out;
    }

    private static void checkUserNamespace(Spec.Linux linux, Set<String> namespaces, String userPath) {
        boolean mappings = notEmpty(linux.uidMappings()) || notEmpty(linux.gidMappings());
        if (!namespaces.contains("user")) {
            if (mappings) {
                throw BerthException.invalid(
                        "user namespace mappings specified, but user namespace isn't enabled in the config");
            }
        } else if (userPath.isEmpty() && !mappings) {
            throw BerthException.invalid(
                    "user namespaces enabled, but no namespace path to join nor mappings to apply specified");
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static boolean notEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
