import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecValidator;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeConfig;
import dev.berth.runtime.launch.IoOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * create+start+wait+delete of the bundle's command through the runtime library in one warm JVM
 * (what the daemon does), median and p90 of N runs after a warm-up. Also the RSS of one monitor.
 * Usage: java -cp 'berth-cli/target/lib/*' bench/RuntimeBench.java BUNDLE N
 */
public class RuntimeBench {
    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path root = Files.createTempDirectory("berth-bench");
        ContainerRuntime rt = new ContainerRuntime(new RuntimeConfig(root, Path.of(System.getProperty("berth.helper")), Path.of("/sys/fs/cgroup"), "berth-bench"));
        Spec spec = SpecValidator.load(bundle);
        for (int i = 0; i < 20; i++) cycle(rt, bundle, spec, "w" + i);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            cycle(rt, bundle, spec, "b" + i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("library create+start+wait+delete: median %.1f ms, p90 %.1f ms (n=%d)%n", ms[n / 2], ms[n * 9 / 10], n);
        Spec sleeper = new Spec(spec.ociVersion(), new Spec.Process(false, null, spec.process().user(), java.util.List.of("sleep", "30"),
                spec.process().env(), "/", spec.process().capabilities(), spec.process().rlimits(), spec.process().noNewPrivileges(),
                null, null, null), spec.root(), spec.hostname(), spec.domainname(), spec.mounts(), null, null, spec.linux());
        var c = rt.create("rss", bundle, sleeper, IoOptions.log(root.resolve("rss.log"), false, false));
        rt.start("rss");
        Thread.sleep(200);
        String monitorPid = Files.readString(root.resolve("rss/result")).split(" ")[1];
        String rss = Files.readAllLines(Path.of("/proc/" + monitorPid + "/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
        System.out.println("monitor (log mode, one container) " + rss.replaceAll("\\s+", " "));
        rt.delete("rss", true);
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void cycle(ContainerRuntime rt, Path bundle, Spec spec, String id) {
        rt.create(id, bundle, spec, IoOptions.nullIo());
        rt.start(id);
        rt.waitExit(id, null);
        rt.delete(id, false);
    }
}
