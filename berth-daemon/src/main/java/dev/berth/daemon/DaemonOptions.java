package dev.berth.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** dockerd's flags, as far as berthd has them. Values from --config-file (daemon.json) fill what flags leave unset. */
@Command(name = "berthd", mixinStandardHelpOptions = true, version = "berthd version 0.1.0",
        description = "Berth's daemon: the Docker Engine API on a unix socket.")
public final class DaemonOptions {
    @Option(names = {"-H", "--host"}, description = "Daemon socket(s) to connect to (unix:///path or tcp://127.0.0.1:port)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--data-root", description = "Root directory of persistent state (default /var/lib/berth)")
    Path dataRoot;

    @Option(names = "--exec-root", description = "Root directory for execution state files (default /run/berth)")
    Path execRoot;

    @Option(names = {"-p", "--pidfile"}, description = "Path to use for the daemon PID file (default: EXEC_ROOT/berthd.pid)")
    Path pidFile;

    @Option(names = {"-l", "--log-level"}, description = "debug, info, warn, error, fatal")
    String logLevel;

    @Option(names = "--default-ulimit", description = "Default ulimits for containers (name=soft[:hard])")
    List<String> defaultUlimits = new ArrayList<>();

    @Option(names = "--cgroup-parent", description = "Parent cgroup for all containers (default berth)")
    String cgroupParent;

    @Option(names = "--live-restore", arity = "0..1", fallbackValue = "true",
            description = "Keep containers running while the daemon is down (default true)")
    Boolean liveRestore;

    @Option(names = {"-b", "--bridge"}, description = "Name of the default bridge (created if missing; default berth0)")
    String bridge;

    @Option(names = "--bip", description = "Address and prefix of the default bridge (e.g. 172.17.0.1/16)")
    String bip;

    @Option(names = "--default-address-pool", description = "Default address pools for networks (base=CIDR,size=N)")
    List<String> defaultAddressPools = new ArrayList<>();

    @Option(names = "--iptables", arity = "0..1", fallbackValue = "true", description = "Manage Berth's nftables table (default true)")
    Boolean iptables;

    @Option(names = "--icc", arity = "0..1", fallbackValue = "true", description = "Inter-container traffic on the default bridge (default true)")
    Boolean icc;

    @Option(names = "--mtu", description = "MTU of the bridges and veths (default 1500)")
    Integer mtu;

    @Option(names = "--dns", description = "DNS servers for containers")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", description = "DNS search domains for containers")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-opt", description = "DNS options for containers")
    List<String> dnsOpts = new ArrayList<>();

    @Option(names = "--nft-table", description = "Name of Berth's nftables table (default berth)")
    String nftTable;

    @Option(names = "--config-file", description = "Daemon configuration file (default /etc/berth/daemon.json)")
    Path configFile;
}
