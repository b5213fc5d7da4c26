package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.opts.FlagValues;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker update: resource limits and the restart policy of running containers. */
@Command(name = "update", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Update configuration of one or more containers")
final class UpdateCmd extends DockerCommand {
    @Option(names = "--blkio-weight", converter = Converters.GoUint16.class, description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
    Integer blkioWeight;
    @Option(names = "--cpu-period", converter = Converters.GoInt64.class, description = "Limit CPU CFS (Completely Fair Scheduler) period")
    Long cpuPeriod;
    @Option(names = "--cpu-quota", converter = Converters.GoInt64.class, description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    Long cpuQuota;
    @Option(names = "--cpu-rt-period", converter = Converters.GoInt64.class, description = "Limit the CPU real-time period in microseconds")
    Long cpuRtPeriod;
    @Option(names = "--cpu-rt-runtime", converter = Converters.GoInt64.class, description = "Limit the CPU real-time runtime in microseconds")
    Long cpuRtRuntime;
    @Option(names = {"-c", "--cpu-shares"}, converter = Converters.GoInt64.class, description = "CPU shares (relative weight)")
    Long cpuShares;
    @Option(names = "--cpus", converter = Converters.NanoCpus.class, description = "Number of CPUs")
    Long cpus;
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems;
    @Option(names = {"-m", "--memory"}, converter = Converters.MemBytes.class, description = "Memory limit")
    Long memory;
    @Option(names = "--memory-reservation", converter = Converters.MemBytes.class, description = "Memory soft limit")
    Long memoryReservation;
    @Option(names = "--memory-swap", converter = Converters.MemSwapBytes.class, description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    Long memorySwap;
    @Option(names = "--kernel-memory", converter = Converters.MemBytes.class, description = "Kernel memory limit (deprecated)")
    Long kernelMemory;
    @Option(names = "--restart", description = "Restart policy to apply when a container exits")
    String restart;
    @Option(names = "--pids-limit", converter = Converters.GoInt64.class, description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        boolean any = blkioWeight != null || cpuPeriod != null || cpuQuota != null || cpuRtPeriod != null || cpuRtRuntime != null
                || cpuShares != null || cpus != null || cpusetCpus != null || cpusetMems != null || memory != null
                || memoryReservation != null || memorySwap != null || kernelMemory != null || restart != null || pidsLimit != null;
        if (!any) throw new CliException("you must provide one or more flags when using this command");
        if (cpus != null && (cpuPeriod != null || cpuQuota != null)) {
            throw new CliException("Conflicting options: Nano CPUs cannot be set as CPU Period or Quota is set");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("CpuShares", v(cpuShares));
        body.put("Memory", v(memory));
        body.put("NanoCpus", v(cpus));
        body.put("CgroupParent", "");
        body.put("BlkioWeight", blkioWeight == null ? 0 : blkioWeight);
        for (String k : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) body.putNull(k);
        body.put("CpuPeriod", v(cpuPeriod));
        body.put("CpuQuota", v(cpuQuota));
        body.put("CpuRealtimePeriod", v(cpuRtPeriod));
        body.put("CpuRealtimeRuntime", v(cpuRtRuntime));
        body.put("CpusetCpus", cpusetCpus == null ? "" : cpusetCpus);
        body.put("CpusetMems", cpusetMems == null ? "" : cpusetMems);
        body.putNull("Devices");
        body.putNull("DeviceCgroupRules");
        body.putNull("DeviceRequests");
        if (kernelMemory != null && kernelMemory != 0 && !client().versionAtLeast("1.42")) body.put("KernelMemory", kernelMemory);
        body.put("MemoryReservation", v(memoryReservation));
        body.put("MemorySwap", v(memorySwap));
        body.putNull("MemorySwappiness");
        body.putNull("OomKillDisable");
        if (pidsLimit != null) body.put("PidsLimit", pidsLimit);
        else body.putNull("PidsLimit");
        body.putNull("Ulimits");
        body.put("CpuCount", 0);
        body.put("CpuPercent", 0);
        body.put("IOMaximumIOps", 0);
        body.put("IOMaximumBandwidth", 0);
        ObjectNode rp = body.putObject("RestartPolicy");
        if (restart != null) {
            String[] p;
            try {
                p = FlagValues.restartPolicy(restart);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            rp.put("Name", p[0]).put("MaximumRetryCount", Integer.parseInt(p[1]));
        } else {
            rp.put("Name", "").put("MaximumRetryCount", 0);
        }
        List<String> errors = new ArrayList<>();
        for (String name : args) {
            try {
                JsonNode r = client().postJson("/containers/" + name + "/update", null, body);
                for (JsonNode w : r.path("Warnings")) err().println("WARNING: " + w.asText());
                out().println(name);
            } catch (DaemonError e) {
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }

    private static long v(Long x) {
        return x == null ? 0 : x;
    }
}
