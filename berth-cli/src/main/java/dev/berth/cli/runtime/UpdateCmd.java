package dev.berth.cli.runtime;

import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = "Change the resource limits of a running container.")
final class UpdateCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Option(names = {"-r", "--resources"}, description = "resources JSON file (linux.resources), - for stdin") String resources;
    @Option(names = "--memory") Long memory;
    @Option(names = "--memory-reservation") Long memoryReservation;
    @Option(names = "--memory-swap") Long memorySwap;
    @Option(names = "--cpu-shares") Long cpuShares;
    @Option(names = "--cpu-quota") Long cpuQuota;
    @Option(names = "--cpu-period") Long cpuPeriod;
    @Option(names = "--cpuset-cpus") String cpusetCpus;
    @Option(names = "--cpuset-mems") String cpusetMems;
    @Option(names = "--pids-limit") Long pidsLimit;
    @Option(names = "--blkio-weight") Integer blkioWeight;

    @Override
    public Integer call() throws Exception {
        Spec.Resources r;
        if (resources != null) {
            byte[] json = resources.equals("-") ? System.in.readAllBytes() : java.nio.file.Files.readAllBytes(Path.of(resources));
            r = Json.mapper().readValue(json, Spec.Resources.class);
        } else {
            Spec.Memory mem = memory == null && memoryReservation == null && memorySwap == null ? null
                    : new Spec.Memory(memory, memoryReservation, memorySwap, null, null, null, null, null, null);
            Spec.Cpu cpu = cpuShares == null && cpuQuota == null && cpuPeriod == null && cpusetCpus == null && cpusetMems == null ? null
                    : new Spec.Cpu(cpuShares, cpuQuota, cpuPeriod, null, null, cpusetCpus, cpusetMems, null);
            r = new Spec.Resources(null, mem, cpu, pidsLimit == null ? null : new Spec.Pids(pidsLimit),
                    blkioWeight == null ? null : new Spec.BlockIO(blkioWeight, null, null, null, null, null, null), null, null);
        }
        parent.runtime().update(id, r);
        return 0;
    }
}
