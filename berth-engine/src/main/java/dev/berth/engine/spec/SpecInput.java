package dev.berth.engine.spec;

import dev.berth.common.BerthException;
import dev.berth.engine.model.CreateRequest;
import dev.berth.image.model.ImageConfig;
import dev.berth.oci.runtime.Namespaces;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import dev.berth.runtime.user.UserResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything {@link SpecGenerator} needs. All host look-ups come in as values or functions, so
 * generation itself does no I/O; {@link #builder} fills the look-ups with ones that read this host.
 *
 * @param containerId the container's 64-hex id
 * @param request the create body as the client sent it (not merged with the image, no engine
 *     defaults filled in: the generator applies Docker's merge and defaults itself)
 * @param image the image's config, or null for an image without one
 * @param rootfs the absolute path of the mounted (merged) root filesystem
 * @param user the process credentials: {@code UserResolver.resolve(rootfs, merged User, HostConfig.GroupAdd)},
 *     where the merged User is {@code ConfigMerge.merge(request.config(), image).user()}
 * @param hostname the hostname the engine settled on (Docker: Config.Hostname, else the first 12
 *     characters of the id; the host's name for --network host; the joined container's for
 *     --network container:); null gives Config.Hostname or the id's first 12 characters
 * @param cgroupsPath linux.cgroupsPath, as the engine names cgroups (HostConfig.CgroupParent is
 *     the engine's to honour here); null for none
 * @param extraMounts mounts the engine adds, such as its /etc/hosts, /etc/resolv.conf and
 *     /etc/hostname binds (see {@link SpecGenerator#networkFileMount}), or the /dev/shm to share
 *     for --ipc shareable or container:X; a user bind on the same destination replaces them, as
 *     in Docker
 * @param namespacePaths namespaces to join, by spec type ("network", "ipc", "pid", "uts",
 *     "cgroup", "user"): required for the container:X modes (e.g. "network" ->
 *     "/proc/123/ns/net"); a path given for any other mode is joined instead of the namespace
 *     the mode would give (e.g. a netns the engine prepared for a bridge network)
 * @param host the host's CPUs and cgroup layout
 * @param pathExists whether a host path exists (bind sources)
 * @param devices device nodes on the host (--device, blkio device options)
 * @param sysctlExists whether /proc/sys has a sysctl ("net.ipv4.ping_group_range"); Docker only
 *     sets its default sysctls when the kernel has them
 * @param defaultMaskedPaths the masked paths of a container that does not choose its own
 *     ({@code SpecDefaults.dockerMaskedPaths(Path.of("/sys"))} for Docker's current list)
 * @param initBinary the host's docker-init (or tini) for HostConfig.Init; null when there is none
 */
public record SpecInput(
        String containerId,
        CreateRequest request,
        ImageConfig.Config image,
        Path rootfs,
        UserResolver.ExecUser user,
        String hostname,
        String cgroupsPath,
        List<Spec.Mount> extraMounts,
        Map<String, String> namespacePaths,
        HostInfo host,
        Predicate<Path> pathExists,
        DeviceLookup devices,
        Predicate<String> sysctlExists,
        List<String> defaultMaskedPaths,
        Path initBinary) {

    public SpecInput {
        if (containerId == null || containerId.length() < 12) {
            throw BerthException.invalid("container id must have at least 12 characters, got %s", containerId);
        }
        if (request == null) throw BerthException.invalid("create request must not be null");
        if (rootfs == null || !rootfs.isAbsolute()) throw BerthException.invalid("rootfs must be an absolute path, got %s", rootfs);
        if (user == null) throw BerthException.invalid("user must not be null");
        if (host == null) throw BerthException.invalid("host info must not be null");
        if (pathExists == null || devices == null || sysctlExists == null) {
            throw BerthException.invalid("host look-ups must not be null");
        }
        if (initBinary != null && !initBinary.isAbsolute()) {
            throw BerthException.invalid("init binary must be an absolute path, got %s", initBinary);
        }
        extraMounts = extraMounts == null ? List.of() : List.copyOf(extraMounts);
        for (Spec.Mount m : extraMounts) {
            if (m.destination() == null || !m.destination().startsWith("/")) {
                throw BerthException.invalid("extra mount destination %s is not an absolute path", m.destination());
            }
        }
        namespacePaths = namespacePaths == null ? Map.of() : Map.copyOf(namespacePaths);
        for (Map.Entry<String, String> e : namespacePaths.entrySet()) {
            Namespaces.cloneFlag(e.getKey());
            if (e.getKey().equals("mount")) throw BerthException.invalid("a container cannot join another mount namespace");
            if (!e.getValue().startsWith("/")) {
                throw BerthException.invalid("%s namespace path %s is not absolute", e.getKey(), e.getValue());
            }
        }
        defaultMaskedPaths = defaultMaskedPaths == null ? SpecDefaults.DOCKER_MASKED_PATHS : List.copyOf(defaultMaskedPaths);
    }

    /**
     * A builder with the required values; the look-ups default to this host's (Files.exists,
     * {@link DeviceLookup#system()}, /proc/sys), masked paths to {@link SpecDefaults#DOCKER_MASKED_PATHS}.
     */
    public static Builder builder(String containerId, CreateRequest request, Path rootfs,
                                  UserResolver.ExecUser user, HostInfo host) {
        return new Builder(containerId, request, rootfs, user, host);
    }

    public static final class Builder {
        private final String containerId;
        private final CreateRequest request;
        private final Path rootfs;
        private final UserResolver.ExecUser user;
        private final HostInfo host;
        private ImageConfig.Config image;
        private String hostname;
        private String cgroupsPath;
        private final List<Spec.Mount> extraMounts = new ArrayList<>();
        private final Map<String, String> namespacePaths = new LinkedHashMap<>();
        private Predicate<Path> pathExists = Files::exists;
        private DeviceLookup devices = DeviceLookup.system();
        private Predicate<String> sysctlExists =
                name -> Files.exists(Path.of("/proc/sys").resolve(name.replace('.', '/')));
        private List<String> defaultMaskedPaths;
        private Path initBinary;

        private Builder(String containerId, CreateRequest request, Path rootfs, UserResolver.ExecUser user, HostInfo host) {
            this.containerId = containerId;
            this.request = request;
            this.rootfs = rootfs;
            this.user = user;
            this.host = host;
        }

        public Builder image(ImageConfig.Config v) { image = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder cgroupsPath(String v) { cgroupsPath = v; return this; }
        public Builder extraMount(Spec.Mount v) { extraMounts.add(v); return this; }
        public Builder namespacePath(String type, String path) { namespacePaths.put(type, path); return this; }
        public Builder pathExists(Predicate<Path> v) { pathExists = v; return this; }
        public Builder devices(DeviceLookup v) { devices = v; return this; }
        public Builder sysctlExists(Predicate<String> v) { sysctlExists = v; return this; }
        public Builder defaultMaskedPaths(List<String> v) { defaultMaskedPaths = v; return this; }
        public Builder initBinary(Path v) { initBinary = v; return this; }

        public SpecInput build() {
            return new SpecInput(containerId, request, image, rootfs, user, hostname, cgroupsPath, extraMounts,
                    namespacePaths, host, pathExists, devices, sysctlExists, defaultMaskedPaths, initBinary);
        }
    }
}
