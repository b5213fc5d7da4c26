package dev.berth.cli.opts;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags docker run and docker create share (cli/command/container/opts.go), with pflag's value types. */
public final class ContainerFlags {
    // general
    @Option(names = {"-a", "--attach"}, converter = Converters.Attach.class, description = "Attach to STDIN, STDOUT or STDERR")
    public List<String> attach = new ArrayList<>();
    @Option(names = "--device-cgroup-rule", converter = Converters.DeviceCgroupRule.class, description = "Add a rule to the cgroup allowed devices list")
    public List<String> deviceCgroupRules = new ArrayList<>();
    @Option(names = "--device", description = "Add a host device to the container")
    public List<String> devices = new ArrayList<>();
    @Option(names = "--gpus", description = "GPU devices to add to the container ('all' to pass all GPUs)")
    public String gpus;
    @Option(names = {"-e", "--env"}, converter = Converters.Env.class, description = "Set environment variables")
    public List<String> env = new ArrayList<>();
    @Option(names = "--env-file", description = "Read in a file of environment variables")
    public List<String> envFile = new ArrayList<>();
    @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image")
    public String entrypoint;
    @Option(names = "--group-add", description = "Add additional groups to join")
    public List<String> groupAdd = new ArrayList<>();
    @Option(names = {"-h", "--hostname"}, description = "Container host name")
    public String hostname = "";
    @Option(names = "--domainname", description = "Container NIS domain name")
    public String domainname = "";
    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Keep STDIN open even if not attached")
    public boolean interactive;
    @Option(names = {"-l", "--label"}, converter = Converters.Label.class, description = "Set meta data on a container")
    public List<String> labels = new ArrayList<>();
    @Option(names = "--label-file", description = "Read in a line delimited file of labels")
    public List<String> labelFile = new ArrayList<>();
    @Option(names = "--read-only", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Mount the container's root filesystem as read only")
    public boolean readOnly;
    @Option(names = "--restart", description = "Restart policy to apply when a container exits (default \"no\")")
    public String restart = "no";
    @Option(names = "--stop-signal", description = "Signal to stop the container")
    public String stopSignal = "";
    @Option(names = "--stop-timeout", converter = Converters.GoInt.class, description = "Timeout (in seconds) to stop a container")
    public Integer stopTimeout;
    @Option(names = "--sysctl", converter = Converters.Sysctl.class, description = "Sysctl options")
    public List<String> sysctls = new ArrayList<>();
    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Allocate a pseudo-TTY")
    public boolean tty;
    @Option(names = "--ulimit", converter = Converters.Ulimit.class, description = "Ulimit options")
    public List<FlagValues.Ulimit> ulimits = new ArrayList<>();
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])")
    public String user = "";
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container")
    public String workdir = "";
    @Option(names = "--rm", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Automatically remove the container and its associated anonymous volumes when it exits")
    public boolean rm;

    // security
    @Option(names = "--cap-add", description = "Add Linux capabilities")
    public List<String> capAdd = new ArrayList<>();
    @Option(names = "--cap-drop", description = "Drop Linux capabilities")
    public List<String> capDrop = new ArrayList<>();
    @Option(names = "--privileged", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Give extended privileges to this container")
    public boolean privileged;
    @Option(names = "--security-opt", description = "Security Options")
    public List<String> securityOpt = new ArrayList<>();
    @Option(names = "--userns", description = "User namespace to use")
    public String userns = "";
    @Option(names = "--cgroupns", description = "Cgroup namespace to use (host|private)")
    public String cgroupns = "";

    // network
    @Option(names = "--add-host", converter = Converters.ExtraHost.class, description = "Add a custom host-to-IP mapping (host:ip)")
    public List<String> addHost = new ArrayList<>();
    @Option(names = "--dns", converter = Converters.Ip.class, description = "Set custom DNS servers")
    public List<String> dns = new ArrayList<>();
    @Option(names = {"--dns-option", "--dns-opt"}, description = "Set DNS options")
    public List<String> dnsOptions = new ArrayList<>();
    @Option(names = "--dns-search", converter = Converters.DnsSearch.class, description = "Set custom DNS search domains")
    public List<String> dnsSearch = new ArrayList<>();
    @Option(names = "--expose", description = "Expose a port or a range of ports")
    public List<String> expose = new ArrayList<>();
    @Option(names = "--ip", description = "IPv4 address (e.g., 172.30.100.104)")
    public String ip = "";
    @Option(names = "--ip6", description = "IPv6 address (e.g., 2001:db8::33)")
    public String ip6 = "";
    @Option(names = "--link", converter = Converters.Link.class, description = "Add link to another container")
    public List<String> links = new ArrayList<>();
    @Option(names = "--link-local-ip", description = "Container IPv4/IPv6 link-local addresses")
    public List<String> linkLocalIps = new ArrayList<>();
    @Option(names = "--mac-address", description = "Container MAC address (e.g., 92:d0:c6:0a:29:33)")
    public String macAddress = "";
    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host")
    public List<String> publish = new ArrayList<>();
    @Option(names = {"-P", "--publish-all"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Publish all exposed ports to random ports")
    public boolean publishAll;
    @Option(names = {"--network", "--net"}, converter = Converters.Network.class, description = "Connect a container to a network")
    public List<Specs.Network> networks = new ArrayList<>();
    @Option(names = {"--network-alias", "--net-alias"}, description = "Add network-scoped alias for the container")
    public List<String> networkAliases = new ArrayList<>();

    // logging and storage
    @Option(names = "--log-driver", description = "Logging driver for the container")
    public String logDriver = "";
    @Option(names = "--volume-driver", description = "Optional volume driver for the container")
    public String volumeDriver = "";
    @Option(names = "--log-opt", description = "Log driver options")
    public List<String> logOpts = new ArrayList<>();
    @Option(names = "--storage-opt", description = "Storage driver options for the container")
    public List<String> storageOpts = new ArrayList<>();
    @Option(names = "--tmpfs", description = "Mount a tmpfs directory")
    public List<String> tmpfs = new ArrayList<>();
    @Option(names = "--volumes-from", description = "Mount volumes from the specified container(s)")
    public List<String> volumesFrom = new ArrayList<>();
    @Option(names = {"-v", "--volume"}, description = "Bind mount a volume")
    public List<String> volumes = new ArrayList<>();
    @Option(names = "--mount", converter = Converters.Mount.class, description = "Attach a filesystem mount to the container")
    public List<Specs.MountValue> mounts = new ArrayList<>();

    // health
    @Option(names = "--health-cmd", description = "Command to run to check health")
    public String healthCmd = "";
    @Option(names = "--health-interval", converter = Converters.Duration.class, description = "Time between running the check (ms|s|m|h) (default 0s)")
    public long healthInterval;
    @Option(names = "--health-retries", converter = Converters.GoInt.class, description = "Consecutive failures needed to report unhealthy")
    public int healthRetries;
    @Option(names = "--health-timeout", converter = Converters.Duration.class, description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
    public long healthTimeout;
    @Option(names = "--health-start-period", converter = Converters.Duration.class, description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
    public long healthStartPeriod;
    @Option(names = "--health-start-interval", converter = Converters.Duration.class, description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
    public long healthStartInterval;
    @Option(names = "--no-healthcheck", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Disable any container-specified HEALTHCHECK")
    public boolean noHealthcheck;

    // resources
    @Option(names = "--blkio-weight", converter = Converters.GoUint16.class, description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
    public int blkioWeight;
    @Option(names = "--blkio-weight-device", converter = Converters.WeightDevice.class, description = "Block IO weight (relative device weight)")
    public List<FlagValues.WeightDevice> blkioWeightDevice = new ArrayList<>();
    @Option(names = "--cidfile", description = "Write the container ID to the file")
    public String cidfile = "";
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)")
    public String cpusetCpus = "";
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)")
    public String cpusetMems = "";
    @Option(names = "--cpu-count", converter = Converters.GoInt64.class, description = "CPU count (Windows only)")
    public long cpuCount;
    @Option(names = "--cpu-percent", converter = Converters.GoInt64.class, description = "CPU percent (Windows only)")
    public long cpuPercent;
    @Option(names = "--cpu-period", converter = Converters.GoInt64.class, description = "Limit CPU CFS (Completely Fair Scheduler) period")
    public long cpuPeriod;
    @Option(names = "--cpu-quota", converter = Converters.GoInt64.class, description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    public long cpuQuota;
    @Option(names = "--cpu-rt-period", converter = Converters.GoInt64.class, description = "Limit CPU real-time period in microseconds")
    public long cpuRtPeriod;
    @Option(names = "--cpu-rt-runtime", converter = Converters.GoInt64.class, description = "Limit CPU real-time runtime in microseconds")
    public long cpuRtRuntime;
    @Option(names = {"-c", "--cpu-shares"}, converter = Converters.GoInt64.class, description = "CPU shares (relative weight)")
    public long cpuShares;
    @Option(names = "--cpus", converter = Converters.NanoCpus.class, description = "Number of CPUs")
    public long nanoCpus;
    @Option(names = "--device-read-bps", converter = Converters.ThrottleBps.class, description = "Limit read rate (bytes per second) from a device")
    public List<FlagValues.ThrottleDevice> deviceReadBps = new ArrayList<>();
    @Option(names = "--device-read-iops", converter = Converters.ThrottleIops.class, description = "Limit read rate (IO per second) from a device")
    public List<FlagValues.ThrottleDevice> deviceReadIops = new ArrayList<>();
    @Option(names = "--device-write-bps", converter = Converters.ThrottleBps.class, description = "Limit write rate (bytes per second) to a device")
    public List<FlagValues.ThrottleDevice> deviceWriteBps = new ArrayList<>();
    @Option(names = "--device-write-iops", converter = Converters.ThrottleIops.class, description = "Limit write rate (IO per second) to a device")
    public List<FlagValues.ThrottleDevice> deviceWriteIops = new ArrayList<>();
    @Option(names = "--io-maxbandwidth", converter = Converters.MemBytes.class, description = "Maximum IO bandwidth limit for the system drive (Windows only)")
    public long ioMaxBandwidth;
    @Option(names = "--io-maxiops", converter = Converters.GoUint64.class, description = "Maximum IOps limit for the system drive (Windows only)")
    public long ioMaxIops;
    @Option(names = "--kernel-memory", converter = Converters.MemBytes.class, description = "Kernel memory limit")
    public long kernelMemory;
    @Option(names = {"-m", "--memory"}, converter = Converters.MemBytes.class, description = "Memory limit")
    public long memory;
    @Option(names = "--memory-reservation", converter = Converters.MemBytes.class, description = "Memory soft limit")
    public long memoryReservation;
    @Option(names = "--memory-swap", converter = Converters.MemSwapBytes.class, description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
    public long memorySwap;
    @Option(names = "--memory-swappiness", converter = Converters.GoInt64.class, description = "Tune container memory swappiness (0 to 100) (default -1)")
    public long memorySwappiness = -1;
    @Option(names = "--oom-kill-disable", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Disable OOM Killer")
    public boolean oomKillDisable;
    @Option(names = "--oom-score-adj", converter = Converters.GoInt.class, description = "Tune host's OOM preferences (-1000 to 1000)")
    public int oomScoreAdj;
    @Option(names = "--pids-limit", converter = Converters.GoInt64.class, description = "Tune container pids limit (set -1 for unlimited)")
    public long pidsLimit;

    // low-level
    @Option(names = "--cgroup-parent", description = "Optional parent cgroup for the container")
    public String cgroupParent = "";
    @Option(names = "--ipc", description = "IPC mode to use")
    public String ipc = "";
    @Option(names = "--isolation", description = "Container isolation technology")
    public String isolation = "";
    @Option(names = "--pid", description = "PID namespace to use")
    public String pid = "";
    @Option(names = "--shm-size", converter = Converters.MemBytes.class, description = "Size of /dev/shm")
    public long shmSize;
    @Option(names = "--uts", description = "UTS namespace to use")
    public String uts = "";
    @Option(names = "--runtime", description = "Runtime to use for this container")
    public String runtime = "";
    @Option(names = "--init", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Run an init inside the container that forwards signals and reaps processes")
    public Boolean init;
    @Option(names = "--annotation", description = "Add an annotation to the container (passed through to the OCI runtime)")
    public List<String> annotations = new ArrayList<>();

    // create's own
    @Option(names = "--name", description = "Assign a name to the container")
    public String name = "";
    @Option(names = "--pull", description = "Pull image before running (\"always\", \"missing\", \"never\") (default \"missing\")")
    public String pull = "missing";
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Suppress the pull output")
    public boolean quiet;
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    public String platform = "";
    @Option(names = "--disable-content-trust", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Skip image verification (default true)")
    public boolean disableContentTrust = true;
}
