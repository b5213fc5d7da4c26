package dev.berth.daemon.api;

import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** /_ping, /version and /info. */
public final class SystemRoutes {
    /** Berth's own version: shown as the "Berth" component of /version and in the Server header. */
    public static final String VERSION = "0.1.0";
    /**
     * The Docker Engine release whose API is {@link #API_VERSION} (API 1.43 is Docker 24.0).
     * Clients such as Testcontainers compare /version's "Version" with Docker releases.
     */
    public static final String DOCKER_VERSION = "24.0.9";
    public static final String API_VERSION = "1.43";
    public static final String MIN_API_VERSION = "1.24";

    /** What /info reports of the engine's state. */
    public record Counts(int containers, int running, int paused, int stopped, int images) {}

    private final Supplier<Counts> counts;
    private final Path dataRoot;
    private final String cgroupVersion;
    private final boolean liveRestore;

    public SystemRoutes(Supplier<Counts> counts, Path dataRoot, String cgroupVersion, boolean liveRestore) {
        this.counts = counts;
        this.dataRoot = dataRoot;
        this.cgroupVersion = cgroupVersion;
        this.liveRestore = liveRestore;
    }

    public void register(Router r) {
        r.on("GET", "/_ping", this::ping);
        r.on("GET", "/version", (req, ex, p) -> ex.sendJson(200, version()));
        r.on("GET", "/info", (req, ex, p) -> ex.sendJson(200, info()));
    }

    private void ping(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        Map<String, String> h = Map.of("Cache-Control", "no-cache, no-store, must-revalidate", "Pragma", "no-cache");
        byte[] body = req.method().equals("HEAD") ? new byte[0] : "OK".getBytes();
        ex.send(200, "text/plain; charset=utf-8", body, h);
    }

    static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    private Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", API_VERSION);
        details.put("MinAPIVersion", MIN_API_VERSION);
        details.put("GitCommit", "berth");
        details.put("GoVersion", "java" + System.getProperty("java.version"));
        details.put("Os", "linux");
        details.put("Arch", arch());
        details.put("KernelVersion", kernel());
        details.put("Experimental", "false");
        details.put("BuildTime", "");
        v.put("Platform", Map.of("Name", "Berth"));
        // Like Podman: the Docker-compatible engine version on top, the implementation's own as a component.
        v.put("Components", List.of(Map.of("Name", "Engine", "Version", DOCKER_VERSION, "Details", details),
                Map.of("Name", "Berth", "Version", VERSION, "Details", Map.of("GitCommit", "berth"))));
        v.put("Version", DOCKER_VERSION);
        v.putAll(details);
        v.put("Experimental", false);
        return v;
    }

    static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("amd64") || a.equals("x86_64") ? "amd64" : a;
    }

    private Map<String, Object> info() {
        Counts c = counts.get();
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("ID", "berth");
        i.put("Containers", c.containers());
        i.put("ContainersRunning", c.running());
        i.put("ContainersPaused", c.paused());
        i.put("ContainersStopped", c.stopped());
        i.put("Images", c.images());
        i.put("Driver", "overlay2");
        i.put("DriverStatus", List.of(List.of("Backing Filesystem", "extfs")));
        i.put("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("bridge", "host", "null"), "Log", List.of("json-file", "none")));
        i.put("MemoryLimit", true);
        i.put("SwapLimit", true);
        i.put("CpuCfsPeriod", true);
        i.put("CpuCfsQuota", true);
        i.put("CPUShares", true);
        i.put("CPUSet", true);
        i.put("PidsLimit", true);
        i.put("IPv4Forwarding", true);
        i.put("Debug", false);
        i.put("NFd", 0);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", java.time.OffsetDateTime.now().toString());
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", cgroupVersion);
        i.put("KernelVersion", kernel());
        i.put("OperatingSystem", osName());
        i.put("OSVersion", "");
        i.put("OSType", "linux");
        i.put("Architecture", System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        i.put("NCPU", Runtime.getRuntime().availableProcessors());
        i.put("MemTotal", memTotal());
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        i.put("RegistryConfig", Map.of("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of("127.0.0.0/8"), "Mirrors", List.of()));
        i.put("DockerRootDir", dataRoot.toString());
        i.put("Name", hostName());
        i.put("Labels", List.of());
        i.put("ExperimentalBuild", false);
        i.put("ServerVersion", DOCKER_VERSION);
        i.put("Runtimes", Map.of("berth", Map.of("path", "berth-nsexec")));
        i.put("DefaultRuntime", "berth");
        i.put("Swarm", Map.of("LocalNodeState", "inactive", "NodeID", "", "NodeAddr", "", "ControlAvailable", false));
        i.put("LiveRestoreEnabled", liveRestore);
        i.put("Isolation", "");
        i.put("InitBinary", "");
        i.put("SecurityOptions", List.of("name=cgroupns"));
        i.put("Warnings", List.of());
        return i;
    }

    private static long memTotal() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getTotalMemorySize() : 0;
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String osName() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/os-release")))
                if (l.startsWith("PRETTY_NAME=")) return l.substring(12).replace("\"", "");
        } catch (IOException ignored) {
            // fall through
        }
        return "Linux";
    }
}
