package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code HostConfig} (api/types/container HostConfig with its embedded Resources, which
 * are flat in the JSON): what the docker CLI 20.10 and 28 send for {@code run}/{@code create}, and
 * what {@code GET /containers/{id}/json} shows. Field names are exactly Docker's; a field that is
 * absent or JSON null is a Java null and is left out when written. Unknown fields (newer API
 * versions: GwPriority, Annotations, ...) are ignored; as Go does, field names match in any case.
 * CapAdd and CapDrop, like Go's StrSlice, also accept a single string.
 *
 * <p>Plain data: checking against Docker's rules is {@code dev.berth.engine.spec.CreateValidator}'s job.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record HostConfig(
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("ContainerIDFile") String containerIdFile,
        @JsonProperty("LogConfig") LogConfig logConfig,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
        @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
        @JsonProperty("AutoRemove") Boolean autoRemove,
        @JsonProperty("VolumeDriver") String volumeDriver,
        @JsonProperty("VolumesFrom") List<String> volumesFrom,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize,
        @JsonProperty("CapAdd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> capAdd,
        @JsonProperty("CapDrop") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> capDrop,
        @JsonProperty("CgroupnsMode") String cgroupnsMode,
        @JsonProperty("Dns") List<String> dns,
        @JsonProperty("DnsOptions") List<String> dnsOptions,
        @JsonProperty("DnsSearch") List<String> dnsSearch,
        @JsonProperty("ExtraHosts") List<String> extraHosts,
        @JsonProperty("GroupAdd") List<String> groupAdd,
        @JsonProperty("IpcMode") String ipcMode,
        @JsonProperty("Cgroup") String cgroup,
        @JsonProperty("Links") List<String> links,
        @JsonProperty("OomScoreAdj") Integer oomScoreAdj,
        @JsonProperty("PidMode") String pidMode,
        @JsonProperty("Privileged") Boolean privileged,
        @JsonProperty("PublishAllPorts") Boolean publishAllPorts,
        @JsonProperty("ReadonlyRootfs") Boolean readonlyRootfs,
        @JsonProperty("SecurityOpt") List<String> securityOpt,
        @JsonProperty("StorageOpt") Map<String, String> storageOpt,
        @JsonProperty("Tmpfs") Map<String, String> tmpfs,
        @JsonProperty("UTSMode") String utsMode,
        @JsonProperty("UsernsMode") String usernsMode,
        @JsonProperty("ShmSize") Long shmSize,
        @JsonProperty("Sysctls") Map<String, String> sysctls,
        @JsonProperty("Runtime") String runtime,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("CpuShares") Long cpuShares,
        @JsonProperty("Memory") Long memory,
        @JsonProperty("NanoCpus") Long nanoCpus,
        @JsonProperty("CgroupParent") String cgroupParent,
        @JsonProperty("BlkioWeight") Integer blkioWeight,
        @JsonProperty("BlkioWeightDevice") List<WeightDevice> blkioWeightDevice,
        @JsonProperty("BlkioDeviceReadBps") List<ThrottleDevice> blkioDeviceReadBps,
        @JsonProperty("BlkioDeviceWriteBps") List<ThrottleDevice> blkioDeviceWriteBps,
        @JsonProperty("BlkioDeviceReadIOps") List<ThrottleDevice> blkioDeviceReadIOps,
        @JsonProperty("BlkioDeviceWriteIOps") List<ThrottleDevice> blkioDeviceWriteIOps,
        @JsonProperty("CpuPeriod") Long cpuPeriod,
        @JsonProperty("CpuQuota") Long cpuQuota,
        @JsonProperty("CpuRealtimePeriod") Long cpuRealtimePeriod,
        @JsonProperty("CpuRealtimeRuntime") Long cpuRealtimeRuntime,
        @JsonProperty("CpusetCpus") String cpusetCpus,
        @JsonProperty("CpusetMems") String cpusetMems,
        @JsonProperty("Devices") List<DeviceMapping> devices,
        @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
        @JsonProperty("DeviceRequests") List<DeviceRequest> deviceRequests,
        @JsonProperty("KernelMemory") Long kernelMemory,
        @JsonProperty("KernelMemoryTCP") Long kernelMemoryTcp,
        @JsonProperty("MemoryReservation") Long memoryReservation,
        @JsonProperty("MemorySwap") Long memorySwap,
        @JsonProperty("MemorySwappiness") Long memorySwappiness,
        @JsonProperty("OomKillDisable") Boolean oomKillDisable,
        @JsonProperty("PidsLimit") Long pidsLimit,
        @JsonProperty("Ulimits") List<Ulimit> ulimits,
        @JsonProperty("CpuCount") Long cpuCount,
        @JsonProperty("CpuPercent") Long cpuPercent,
        @JsonProperty("IOMaximumIOps") Long ioMaximumIOps,
        @JsonProperty("IOMaximumBandwidth") Long ioMaximumBandwidth,
        @JsonProperty("Mounts") List<Mount> mounts,
        @JsonProperty("MaskedPaths") List<String> maskedPaths,
        @JsonProperty("ReadonlyPaths") List<String> readonlyPaths,
        @JsonProperty("Init") Boolean init) {

    public HostConfig {
        binds = Immutable.list(binds);
        portBindings = Immutable.map(portBindings);
        volumesFrom = Immutable.list(volumesFrom);
        consoleSize = Immutable.list(consoleSize);
        capAdd = Immutable.list(capAdd);
        capDrop = Immutable.list(capDrop);
        dns = Immutable.list(dns);
        dnsOptions = Immutable.list(dnsOptions);
        dnsSearch = Immutable.list(dnsSearch);
        extraHosts = Immutable.list(extraHosts);
        groupAdd = Immutable.list(groupAdd);
        links = Immutable.list(links);
        securityOpt = Immutable.list(securityOpt);
        storageOpt = Immutable.map(storageOpt);
        tmpfs = Immutable.map(tmpfs);
        sysctls = Immutable.map(sysctls);
        blkioWeightDevice = Immutable.list(blkioWeightDevice);
        blkioDeviceReadBps = Immutable.list(blkioDeviceReadBps);
        blkioDeviceWriteBps = Immutable.list(blkioDeviceWriteBps);
        blkioDeviceReadIOps = Immutable.list(blkioDeviceReadIOps);
        blkioDeviceWriteIOps = Immutable.list(blkioDeviceWriteIOps);
        devices = Immutable.list(devices);
        deviceCgroupRules = Immutable.list(deviceCgroupRules);
        deviceRequests = Immutable.list(deviceRequests);
        ulimits = Immutable.list(ulimits);
        mounts = Immutable.list(mounts);
        maskedPaths = Immutable.list(maskedPaths);
        readonlyPaths = Immutable.list(readonlyPaths);
    }


    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this HostConfig's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.binds = binds;
        b.containerIdFile = containerIdFile;
        b.logConfig = logConfig;
        b.networkMode = networkMode;
        b.portBindings = portBindings;
        b.restartPolicy = restartPolicy;
        b.autoRemove = autoRemove;
        b.volumeDriver = volumeDriver;
        b.volumesFrom = volumesFrom;
        b.consoleSize = consoleSize;
        b.capAdd = capAdd;
        b.capDrop = capDrop;
        b.cgroupnsMode = cgroupnsMode;
        b.dns = dns;
        b.dnsOptions = dnsOptions;
        b.dnsSearch = dnsSearch;
        b.extraHosts = extraHosts;
        b.groupAdd = groupAdd;
        b.ipcMode = ipcMode;
        b.cgroup = cgroup;
        b.links = links;
        b.oomScoreAdj = oomScoreAdj;
        b.pidMode = pidMode;
        b.privileged = privileged;
        b.publishAllPorts = publishAllPorts;
        b.readonlyRootfs = readonlyRootfs;
        b.securityOpt = securityOpt;
        b.storageOpt = storageOpt;
        b.tmpfs = tmpfs;
        b.utsMode = utsMode;
        b.usernsMode = usernsMode;
        b.shmSize = shmSize;
        b.sysctls = sysctls;
        b.runtime = runtime;
        b.isolation = isolation;
        b.cpuShares = cpuShares;
        b.memory = memory;
        b.nanoCpus = nanoCpus;
        b.cgroupParent = cgroupParent;
        b.blkioWeight = blkioWeight;
        b.blkioWeightDevice = blkioWeightDevice;
        b.blkioDeviceReadBps = blkioDeviceReadBps;
        b.blkioDeviceWriteBps = blkioDeviceWriteBps;
        b.blkioDeviceReadIOps = blkioDeviceReadIOps;
        b.blkioDeviceWriteIOps = blkioDeviceWriteIOps;
        b.cpuPeriod = cpuPeriod;
        b.cpuQuota = cpuQuota;
        b.cpuRealtimePeriod = cpuRealtimePeriod;
        b.cpuRealtimeRuntime = cpuRealtimeRuntime;
        b.cpusetCpus = cpusetCpus;
        b.cpusetMems = cpusetMems;
        b.devices = devices;
        b.deviceCgroupRules = deviceCgroupRules;
        b.deviceRequests = deviceRequests;
        b.kernelMemory = kernelMemory;
        b.kernelMemoryTcp = kernelMemoryTcp;
        b.memoryReservation = memoryReservation;
        b.memorySwap = memorySwap;
        b.memorySwappiness = memorySwappiness;
        b.oomKillDisable = oomKillDisable;
        b.pidsLimit = pidsLimit;
        b.ulimits = ulimits;
        b.cpuCount = cpuCount;
        b.cpuPercent = cpuPercent;
        b.ioMaximumIOps = ioMaximumIOps;
        b.ioMaximumBandwidth = ioMaximumBandwidth;
        b.mounts = mounts;
        b.maskedPaths = maskedPaths;
        b.readonlyPaths = readonlyPaths;
        b.init = init;
        return b;
    }

    /** Mutable builder; unset fields stay null (absent from the JSON). */
    public static final class Builder {
        private List<String> binds;
        private String containerIdFile;
        private LogConfig logConfig;
        private String networkMode;
        private Map<String, List<PortBinding>> portBindings;
        private RestartPolicy restartPolicy;
        private Boolean autoRemove;
        private String volumeDriver;
        private List<String> volumesFrom;
        private List<Integer> consoleSize;
        private List<String> capAdd;
        private List<String> capDrop;
        private String cgroupnsMode;
        private List<String> dns;
        private List<String> dnsOptions;
        private List<String> dnsSearch;
        private List<String> extraHosts;
        private List<String> groupAdd;
        private String ipcMode;
        private String cgroup;
        private List<String> links;
        private Integer oomScoreAdj;
        private String pidMode;
        private Boolean privileged;
        private Boolean publishAllPorts;
        private Boolean readonlyRootfs;
        private List<String> securityOpt;
        private Map<String, String> storageOpt;
        private Map<String, String> tmpfs;
        private String utsMode;
        private String usernsMode;
        private Long shmSize;
        private Map<String, String> sysctls;
        private String runtime;
        private String isolation;
        private Long cpuShares;
        private Long memory;
        private Long nanoCpus;
        private String cgroupParent;
        private Integer blkioWeight;
        private List<WeightDevice> blkioWeightDevice;
        private List<ThrottleDevice> blkioDeviceReadBps;
        private List<ThrottleDevice> blkioDeviceWriteBps;
        private List<ThrottleDevice> blkioDeviceReadIOps;
        private List<ThrottleDevice> blkioDeviceWriteIOps;
        private Long cpuPeriod;
        private Long cpuQuota;
        private Long cpuRealtimePeriod;
        private Long cpuRealtimeRuntime;
        private String cpusetCpus;
        private String cpusetMems;
        private List<DeviceMapping> devices;
        private List<String> deviceCgroupRules;
        private List<DeviceRequest> deviceRequests;
        private Long kernelMemory;
        private Long kernelMemoryTcp;
        private Long memoryReservation;
        private Long memorySwap;
        private Long memorySwappiness;
        private Boolean oomKillDisable;
        private Long pidsLimit;
        private List<Ulimit> ulimits;
        private Long cpuCount;
        private Long cpuPercent;
        private Long ioMaximumIOps;
        private Long ioMaximumBandwidth;
        private List<Mount> mounts;
        private List<String> maskedPaths;
        private List<String> readonlyPaths;
        private Boolean init;

        private Builder() {}

        public Builder binds(List<String> v) { binds = v; return this; }
        public Builder containerIdFile(String v) { containerIdFile = v; return this; }
        public Builder logConfig(LogConfig v) { logConfig = v; return this; }
        public Builder networkMode(String v) { networkMode = v; return this; }
        public Builder portBindings(Map<String, List<PortBinding>> v) { portBindings = v; return this; }
        public Builder restartPolicy(RestartPolicy v) { restartPolicy = v; return this; }
        public Builder autoRemove(Boolean v) { autoRemove = v; return this; }
        public Builder volumeDriver(String v) { volumeDriver = v; return this; }
        public Builder volumesFrom(List<String> v) { volumesFrom = v; return this; }
        public Builder consoleSize(List<Integer> v) { consoleSize = v; return this; }
        public Builder capAdd(List<String> v) { capAdd = v; return this; }
        public Builder capDrop(List<String> v) { capDrop = v; return this; }
        public Builder cgroupnsMode(String v) { cgroupnsMode = v; return this; }
        public Builder dns(List<String> v) { dns = v; return this; }
        public Builder dnsOptions(List<String> v) { dnsOptions = v; return this; }
        public Builder dnsSearch(List<String> v) { dnsSearch = v; return this; }
        public Builder extraHosts(List<String> v) { extraHosts = v; return this; }
        public Builder groupAdd(List<String> v) { groupAdd = v; return this; }
        public Builder ipcMode(String v) { ipcMode = v; return this; }
        public Builder cgroup(String v) { cgroup = v; return this; }
        public Builder links(List<String> v) { links = v; return this; }
        public Builder oomScoreAdj(Integer v) { oomScoreAdj = v; return this; }
        public Builder pidMode(String v) { pidMode = v; return this; }
        public Builder privileged(Boolean v) { privileged = v; return this; }
        public Builder publishAllPorts(Boolean v) { publishAllPorts = v; return this; }
        public Builder readonlyRootfs(Boolean v) { readonlyRootfs = v; return this; }
        public Builder securityOpt(List<String> v) { securityOpt = v; return this; }
        public Builder storageOpt(Map<String, String> v) { storageOpt = v; return this; }
        public Builder tmpfs(Map<String, String> v) { tmpfs = v; return this; }
        public Builder utsMode(String v) { utsMode = v; return this; }
        public Builder usernsMode(String v) { usernsMode = v; return this; }
        public Builder shmSize(Long v) { shmSize = v; return this; }
        public Builder sysctls(Map<String, String> v) { sysctls = v; return this; }
        public Builder runtime(String v) { runtime = v; return this; }
        public Builder isolation(String v) { isolation = v; return this; }
        public Builder cpuShares(Long v) { cpuShares = v; return this; }
        public Builder memory(Long v) { memory = v; return this; }
        public Builder nanoCpus(Long v) { nanoCpus = v; return this; }
        public Builder cgroupParent(String v) { cgroupParent = v; return this; }
        public Builder blkioWeight(Integer v) { blkioWeight = v; return this; }
        public Builder blkioWeightDevice(List<WeightDevice> v) { blkioWeightDevice = v; return this; }
        public Builder blkioDeviceReadBps(List<ThrottleDevice> v) { blkioDeviceReadBps = v; return this; }
        public Builder blkioDeviceWriteBps(List<ThrottleDevice> v) { blkioDeviceWriteBps = v; return this; }
        public Builder blkioDeviceReadIOps(List<ThrottleDevice> v) { blkioDeviceReadIOps = v; return this; }
        public Builder blkioDeviceWriteIOps(List<ThrottleDevice> v) { blkioDeviceWriteIOps = v; return this; }
        public Builder cpuPeriod(Long v) { cpuPeriod = v; return this; }
        public Builder cpuQuota(Long v) { cpuQuota = v; return this; }
        public Builder cpuRealtimePeriod(Long v) { cpuRealtimePeriod = v; return this; }
        public Builder cpuRealtimeRuntime(Long v) { cpuRealtimeRuntime = v; return this; }
        public Builder cpusetCpus(String v) { cpusetCpus = v; return this; }
        public Builder cpusetMems(String v) { cpusetMems = v; return this; }
        public Builder devices(List<DeviceMapping> v) { devices = v; return this; }
        public Builder deviceCgroupRules(List<String> v) { deviceCgroupRules = v; return this; }
        public Builder deviceRequests(List<DeviceRequest> v) { deviceRequests = v; return this; }
        public Builder kernelMemory(Long v) { kernelMemory = v; return this; }
        public Builder kernelMemoryTcp(Long v) { kernelMemoryTcp = v; return this; }
        public Builder memoryReservation(Long v) { memoryReservation = v; return this; }
        public Builder memorySwap(Long v) { memorySwap = v; return this; }
        public Builder memorySwappiness(Long v) { memorySwappiness = v; return this; }
        public Builder oomKillDisable(Boolean v) { oomKillDisable = v; return this; }
        public Builder pidsLimit(Long v) { pidsLimit = v; return this; }
        public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
        public Builder cpuCount(Long v) { cpuCount = v; return this; }
        public Builder cpuPercent(Long v) { cpuPercent = v; return this; }
        public Builder ioMaximumIOps(Long v) { ioMaximumIOps = v; return this; }
        public Builder ioMaximumBandwidth(Long v) { ioMaximumBandwidth = v; return this; }
        public Builder mounts(List<Mount> v) { mounts = v; return this; }
        public Builder maskedPaths(List<String> v) { maskedPaths = v; return this; }
        public Builder readonlyPaths(List<String> v) { readonlyPaths = v; return this; }
        public Builder init(Boolean v) { init = v; return this; }

        public HostConfig build() {
            return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy, autoRemove, volumeDriver, volumesFrom, consoleSize, capAdd, capDrop, cgroupnsMode, dns, dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged, publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize, sysctls, runtime, isolation, cpuShares, memory, nanoCpus, cgroupParent, blkioWeight, blkioWeightDevice, blkioDeviceReadBps, blkioDeviceWriteBps, blkioDeviceReadIOps, blkioDeviceWriteIOps, cpuPeriod, cpuQuota, cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems, devices, deviceCgroupRules, deviceRequests, kernelMemory, kernelMemoryTcp, memoryReservation, memorySwap, memorySwappiness, oomKillDisable, pidsLimit, ulimits, cpuCount, cpuPercent, ioMaximumIOps, ioMaximumBandwidth, mounts, maskedPaths, readonlyPaths, init);
        }
    }
}
