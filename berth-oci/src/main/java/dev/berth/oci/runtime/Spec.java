package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An OCI runtime-spec config.json: the subset Docker and runc use. Field names follow the spec's
 * JSON; absent fields are null. Plain data: checking is {@link SpecValidator}'s job.
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {

    public record Process(
            Boolean terminal,
            ConsoleSize consoleSize,
            User user,
            List<String> args,
            List<String> env,
            String cwd,
            Capabilities capabilities,
            List<Rlimit> rlimits,
            Boolean noNewPrivileges,
            String apparmorProfile,
            Integer oomScoreAdj,
            String selinuxLabel) {}

    public record ConsoleSize(int height, int width) {}

    public record User(int uid, int gid, Integer umask, List<Integer> additionalGids, String username) {}

    public record Capabilities(
            List<String> bounding, List<String> effective, List<String> inheritable,
            List<String> permitted, List<String> ambient) {}

    public record Rlimit(String type,
                         @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = UnsignedLongDeserializer.class) long hard,
                         @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = UnsignedLongDeserializer.class) long soft) {
        @com.fasterxml.jackson.annotation.JsonGetter("hard")
        public java.math.BigInteger hardUnsigned() { return new java.math.BigInteger(Long.toUnsignedString(hard)); }
        @com.fasterxml.jackson.annotation.JsonGetter("soft")
        public java.math.BigInteger softUnsigned() { return new java.math.BigInteger(Long.toUnsignedString(soft)); }
    }

    public record Root(String path, Boolean readonly) {}

    public record Mount(String destination, String type, String source, List<String> options,
                        List<IdMapping> uidMappings, List<IdMapping> gidMappings) {
        public Mount(String destination, String type, String source, List<String> options) {
            this(destination, type, source, options, null, null);
        }
    }

    public record Hooks(List<Hook> prestart, List<Hook> createRuntime, List<Hook> createContainer,
                        List<Hook> startContainer, List<Hook> poststart, List<Hook> poststop) {}

    public record Hook(String path, List<String> args, List<String> env, Integer timeout) {}

    public record Linux(
            List<IdMapping> uidMappings,
            List<IdMapping> gidMappings,
            Map<String, String> sysctl,
            Resources resources,
            String cgroupsPath,
            List<Namespace> namespaces,
            List<Device> devices,
            Seccomp seccomp,
            String rootfsPropagation,
            List<String> maskedPaths,
            List<String> readonlyPaths,
            String mountLabel) {}

    public record IdMapping(long containerID, long hostID, long size) {}

    public record Namespace(String type, String path) {}

    public record Device(String type, String path, long major, long minor, Integer fileMode, Integer uid, Integer gid) {}

    public record Seccomp(String defaultAction, List<String> architectures, List<Map<String, Object>> syscalls) {}

    public record Resources(
            List<DeviceRule> devices,
            Memory memory,
            Cpu cpu,
            Pids pids,
            BlockIO blockIO,
            List<HugepageLimit> hugepageLimits,
            Map<String, String> unified) {}

    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

    public record Memory(Long limit, Long reservation, Long swap, Long kernel, Long kernelTCP,
                         Long swappiness, Boolean disableOOMKiller, Boolean useHierarchy,
                         @JsonProperty("checkBeforeUpdate") Boolean checkBeforeUpdate) {}

    public record Cpu(Long shares, Long quota, Long period, Long realtimeRuntime, Long realtimePeriod,
                      String cpus, String mems, Long idle) {}

    public record Pids(long limit) {}

    public record BlockIO(Integer weight, Integer leafWeight, List<WeightDevice> weightDevice,
                          List<ThrottleDevice> throttleReadBpsDevice, List<ThrottleDevice> throttleWriteBpsDevice,
                          List<ThrottleDevice> throttleReadIOPSDevice, List<ThrottleDevice> throttleWriteIOPSDevice) {}

    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

    public record ThrottleDevice(long major, long minor, long rate) {}

    public record HugepageLimit(String pageSize, long limit) {}
}
