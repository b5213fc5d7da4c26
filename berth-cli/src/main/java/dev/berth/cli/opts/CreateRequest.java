package dev.berth.cli.opts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the body of POST /containers/create from run/create flags exactly as docker CLI 28
 * does (opts.go parse() plus the API client's version rules): same fields, same nulls, same
 * empty maps, keys in Go's struct order. Invalid combinations throw IllegalArgumentException
 * with docker's message.
 */
public final class CreateRequest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CreateRequest() {}

    /** What the builder needs besides the flags. */
    public record Context(String image, List<String> args, boolean detach, Map<String, String> environment,
                          String apiVersion, int consoleHeight, int consoleWidth, boolean entrypointChanged) {}

    public static ObjectNode build(ContainerFlags f, Context ctx) {
        boolean attachStdin = f.attach.contains("stdin") || f.interactive;
        boolean attachStdout = f.attach.contains("stdout") || f.attach.isEmpty();
        boolean attachStderr = f.attach.contains("stderr") || f.attach.isEmpty();
        if (!f.macAddress.isEmpty() && !f.macAddress.matches("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException(f.macAddress + " is not a valid mac address");
        }
        if (f.memorySwappiness != -1 && (f.memorySwappiness < 0 || f.memorySwappiness > 100)) {
            throw new IllegalArgumentException("invalid value: " + f.memorySwappiness + ". Valid memory swappiness range is 0-100");
        }
        // -v: bind mounts go to Binds, the rest to Volumes
        List<String> binds = new ArrayList<>();
        TreeMap<String, Object> volumes = new TreeMap<>();
        for (String v : f.volumes) volumes.put(v, Map.of());
        for (String v : new java.util.LinkedHashSet<>(f.volumes)) {
            Specs.Volume parsed = Specs.volume(v);
            if (parsed.source().isEmpty()) continue;
            String bind = v;
            if (parsed.bind()) {
                int c = v.indexOf(':');
                if (c >= 0) {
                    String host = v.substring(0, c);
                    if (!host.startsWith("/") && host.startsWith(".")) host = Path.of(host).toAbsolutePath().normalize().toString();
                    bind = host + ":" + v.substring(c + 1);
                }
            }
            binds.add(bind);
            volumes.remove(v);
        }
        TreeMap<String, String> tmpfs = new TreeMap<>();
        for (String t : f.tmpfs) {
            int c = t.indexOf(':');
            tmpfs.put(c < 0 ? t : t.substring(0, c), c < 0 ? "" : t.substring(c + 1));
        }
        TreeMap<String, Object> exposed = new TreeMap<>();
        TreeMap<String, List<Map<String, String>>> portBindings = new TreeMap<>();
        Specs.ports(f.publish, f.expose, exposed, portBindings);

        List<Map<String, Object>> devices = new ArrayList<>();
        for (String d : f.devices) devices.add(Specs.device(d));

        List<String> env = new ArrayList<>(readKvFiles(f.envFile, ctx.environment(), true));
        env.addAll(dedupeEnv(f.env));
        TreeMap<String, String> labels = new TreeMap<>();
        List<String> labelList = new ArrayList<>(readKvFiles(f.labelFile, null, false));
        labelList.addAll(f.labels);
        for (String l : labelList) putKv(labels, l);

        if (!validNamespaceMode(f.pid, false)) throw new IllegalArgumentException("--pid: invalid PID mode");
        if (!validNamespaceMode(f.uts, true)) throw new IllegalArgumentException("--uts: invalid UTS mode");
        if (!validUserns(f.userns)) throw new IllegalArgumentException("--userns: invalid USER mode");
        if (!f.cgroupns.isEmpty() && !f.cgroupns.equals("host") && !f.cgroupns.equals("private")) throw new IllegalArgumentException("--cgroupns: invalid CGROUP mode");
        String[] restart = FlagValues.restartPolicy(f.restart);
        if (f.logDriver.equals("none") && !f.logOpts.isEmpty()) throw new IllegalArgumentException("invalid logging opts for driver none");
        TreeMap<String, String> logConfig = new TreeMap<>();
        for (String o : f.logOpts) putKv(logConfig, o);
        List<String> securityOpts = securityOpts(f.securityOpt);
        List<String> maskedPaths = null, readonlyPaths = null;
        if (securityOpts != null && securityOpts.remove("systempaths=unconfined")) {
            maskedPaths = List.of();
            readonlyPaths = List.of();
            while (securityOpts.remove("systempaths=unconfined")) { }
        }
        TreeMap<String, String> storageOpts = new TreeMap<>();
        for (String o : f.storageOpts) {
            if (!o.contains("=")) throw new IllegalArgumentException("invalid storage option");
            putKv(storageOpts, o);
        }

        ObjectNode health = healthcheck(f);
        if (f.rm && !(restart[0].equals("no") || restart[0].isEmpty())) {
            throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
        }

        String networkMode = f.networks.isEmpty() ? "default" : f.networks.get(0).target();
        ObjectNode endpoints = networkEndpoints(f);

        // Config
        ObjectNode c = F.objectNode();
        c.put("Hostname", f.hostname);
        c.put("Domainname", f.domainname);
        c.put("User", f.user);
        boolean detach = ctx.detach();
        c.put("AttachStdin", !detach && attachStdin);
        c.put("AttachStdout", !detach && attachStdout);
        c.put("AttachStderr", !detach && attachStderr);
        if (!exposed.isEmpty()) c.set("ExposedPorts", mapNode(exposed));
        c.put("Tty", f.tty);
        c.put("OpenStdin", f.interactive);
        c.put("StdinOnce", !detach && f.interactive && attachStdin);
        c.set("Env", strings(env.isEmpty() ? null : env));
        c.set("Cmd", strings(ctx.args().isEmpty() ? null : ctx.args()));
        if (health != null) c.set("Healthcheck", health);
        c.put("Image", ctx.image());
        c.set("Volumes", mapNode(volumes));
        c.put("WorkingDir", f.workdir);
        if (f.entrypoint != null && !f.entrypoint.isEmpty()) c.set("Entrypoint", strings(List.of(f.entrypoint)));
        else if (ctx.entrypointChanged()) c.set("Entrypoint", strings(List.of("")));
        else c.putNull("Entrypoint");
        // the main network's MAC also goes into Config.MacAddress for daemons before API 1.44
        String mac = endpoints.has(networkMode) ? endpoints.get(networkMode).path("MacAddress").asText("") : f.macAddress;
        if (DockerVersion.atLeast(ctx.apiVersion(), "1.44")) mac = "";
        if (!mac.isEmpty()) c.put("MacAddress", mac);
        c.putNull("OnBuild");
        c.set("Labels", mapNode(labels));
        if (!f.stopSignal.isEmpty()) c.put("StopSignal", f.stopSignal);
        if (f.stopTimeout != null) c.put("StopTimeout", f.stopTimeout);

        // HostConfig
        ObjectNode h = F.objectNode();
        h.set("Binds", strings(binds.isEmpty() ? null : binds));
        h.put("ContainerIDFile", f.cidfile);
        ObjectNode log = F.objectNode();
        log.put("Type", f.logDriver);
        log.set("Config", mapNode(logConfig));
        h.set("LogConfig", log);
        h.put("NetworkMode", networkMode);
        ObjectNode pb = F.objectNode();
        portBindings.forEach((k, list) -> {
            ArrayNode a = pb.putArray(k);
            for (Map<String, String> b : list) {
                ObjectNode o = a.addObject();
                o.put("HostIp", b.get("HostIp"));
                o.put("HostPort", b.get("HostPort"));
            }
        });
        h.set("PortBindings", pb);
        ObjectNode rp = F.objectNode();
        rp.put("Name", restart[0]);
        rp.put("MaximumRetryCount", Integer.parseInt(restart[1]));
        h.set("RestartPolicy", rp);
        h.put("AutoRemove", f.rm && DockerVersion.atLeast(ctx.apiVersion(), "1.25"));
        h.put("VolumeDriver", f.volumeDriver);
        h.set("VolumesFrom", strings(f.volumesFrom.isEmpty() ? null : f.volumesFrom));
        h.set("ConsoleSize", F.arrayNode().add(ctx.consoleHeight()).add(ctx.consoleWidth()));
        TreeMap<String, String> annotations = new TreeMap<>();
        for (String a : f.annotations) putKv(annotations, a);
        if (!annotations.isEmpty()) h.set("Annotations", mapNode(annotations));
        h.set("CapAdd", strings(normalizeCaps(f.capAdd)));
        h.set("CapDrop", strings(normalizeCaps(f.capDrop)));
        h.put("CgroupnsMode", f.cgroupns);
        h.set("Dns", strings(f.dns));
        h.set("DnsOptions", strings(f.dnsOptions));
        h.set("DnsSearch", strings(f.dnsSearch));
        h.set("ExtraHosts", strings(f.addHost.isEmpty() ? null : f.addHost));
        h.set("GroupAdd", strings(f.groupAdd.isEmpty() ? null : f.groupAdd));
        h.put("IpcMode", f.ipc);
        h.put("Cgroup", "");
        h.set("Links", strings(f.links.isEmpty() ? null : f.links));
        h.put("OomScoreAdj", f.oomScoreAdj);
        h.put("PidMode", f.pid);
        h.put("Privileged", f.privileged);
        h.put("PublishAllPorts", f.publishAll);
        h.put("ReadonlyRootfs", f.readOnly);
        h.set("SecurityOpt", strings(securityOpts));
        if (!storageOpts.isEmpty()) h.set("StorageOpt", mapNode(storageOpts));
        if (!tmpfs.isEmpty()) h.set("Tmpfs", mapNode(tmpfs));
        h.put("UTSMode", f.uts);
        h.put("UsernsMode", f.userns);
        h.put("ShmSize", f.shmSize);
        TreeMap<String, String> sysctls = new TreeMap<>();
        for (String s : f.sysctls) putKv(sysctls, s);
        if (!sysctls.isEmpty()) h.set("Sysctls", mapNode(sysctls));
        if (!f.runtime.isEmpty()) h.put("Runtime", f.runtime);
        h.put("Isolation", f.isolation);
        // Resources
        h.put("CpuShares", f.cpuShares);
        h.put("Memory", f.memory);
        h.put("NanoCpus", f.nanoCpus);
        h.put("CgroupParent", f.cgroupParent);
        h.put("BlkioWeight", f.blkioWeight);
        ArrayNode wd = h.putArray("BlkioWeightDevice");
        for (FlagValues.WeightDevice w : f.blkioWeightDevice) wd.addObject().put("Path", w.path()).put("Weight", w.weight());
        throttle(h.putArray("BlkioDeviceReadBps"), f.deviceReadBps);
        throttle(h.putArray("BlkioDeviceWriteBps"), f.deviceWriteBps);
        throttle(h.putArray("BlkioDeviceReadIOps"), f.deviceReadIops);
        throttle(h.putArray("BlkioDeviceWriteIOps"), f.deviceWriteIops);
        h.put("CpuPeriod", f.cpuPeriod);
        h.put("CpuQuota", f.cpuQuota);
        h.put("CpuRealtimePeriod", f.cpuRtPeriod);
        h.put("CpuRealtimeRuntime", f.cpuRtRuntime);
        h.put("CpusetCpus", f.cpusetCpus);
        h.put("CpusetMems", f.cpusetMems);
        ArrayNode dev = h.putArray("Devices");
        for (Map<String, Object> d : devices) {
            ObjectNode o = dev.addObject();
            d.forEach((k, v) -> o.put(k, (String) v));
        }
        h.set("DeviceCgroupRules", strings(f.deviceCgroupRules.isEmpty() ? null : f.deviceCgroupRules));
        h.putNull("DeviceRequests");
        long kernelMemory = DockerVersion.atLeast(ctx.apiVersion(), "1.42") || !DockerVersion.atLeast(ctx.apiVersion(), "1.40") ? 0 : f.kernelMemory;
        if (kernelMemory != 0) h.put("KernelMemory", kernelMemory);
        h.put("MemoryReservation", f.memoryReservation);
        h.put("MemorySwap", f.memorySwap);
        h.put("MemorySwappiness", f.memorySwappiness);
        h.put("OomKillDisable", f.oomKillDisable);
        h.put("PidsLimit", f.pidsLimit);
        ArrayNode ul = h.putArray("Ulimits");
        TreeMap<String, FlagValues.Ulimit> byName = new TreeMap<>();
        for (FlagValues.Ulimit u : f.ulimits) byName.put(u.name(), u);
        for (FlagValues.Ulimit u : byName.values()) ul.addObject().put("Name", u.name()).put("Hard", u.hard()).put("Soft", u.soft());
        h.put("CpuCount", f.cpuCount);
        h.put("CpuPercent", f.cpuPercent);
        h.put("IOMaximumIOps", f.ioMaxIops);
        h.put("IOMaximumBandwidth", f.ioMaxBandwidth);
        if (!f.mounts.isEmpty()) {
            ArrayNode m = h.putArray("Mounts");
            for (Specs.MountValue mv : f.mounts) m.add(toNode(mv.json()));
        }
        h.set("MaskedPaths", strings(maskedPaths));
        h.set("ReadonlyPaths", strings(readonlyPaths));
        if (f.init != null) h.put("Init", f.init);

        ObjectNode networking = F.objectNode();
        networking.set("EndpointsConfig", endpoints);
        c.set("HostConfig", h);
        c.set("NetworkingConfig", networking);
        return c;
    }

    private static ObjectNode healthcheck(ContainerFlags f) {
        boolean have = !f.healthCmd.isEmpty() || f.healthInterval != 0 || f.healthTimeout != 0 || f.healthStartPeriod != 0
                || f.healthRetries != 0 || f.healthStartInterval != 0;
        if (f.noHealthcheck) {
            if (have) throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
            ObjectNode h = F.objectNode();
            h.set("Test", strings(List.of("NONE")));
            return h;
        }
        if (!have) return null;
        if (f.healthInterval < 0) throw new IllegalArgumentException("--health-interval cannot be negative");
        if (f.healthTimeout < 0) throw new IllegalArgumentException("--health-timeout cannot be negative");
        if (f.healthRetries < 0) throw new IllegalArgumentException("--health-retries cannot be negative");
        if (f.healthStartPeriod < 0) throw new IllegalArgumentException("--health-start-period cannot be negative");
        if (f.healthStartInterval < 0) throw new IllegalArgumentException("--health-start-interval cannot be negative");
        ObjectNode h = F.objectNode();
        if (!f.healthCmd.isEmpty()) h.set("Test", strings(List.of("CMD-SHELL", f.healthCmd)));
        if (f.healthInterval != 0) h.put("Interval", f.healthInterval);
        if (f.healthTimeout != 0) h.put("Timeout", f.healthTimeout);
        if (f.healthStartPeriod != 0) h.put("StartPeriod", f.healthStartPeriod);
        if (f.healthStartInterval != 0) h.put("StartInterval", f.healthStartInterval);
        if (f.healthRetries != 0) h.put("Retries", f.healthRetries);
        return h;
    }

    private static ObjectNode networkEndpoints(ContainerFlags f) {
        ObjectNode endpoints = F.objectNode();
        List<Specs.Network> nets = new ArrayList<>(f.networks);
        boolean userDefined = false, nonUserDefined = false;
        if (nets.isEmpty()) {
            endpoints.set("default", endpoint(applyContainerOptions(new Specs.Network("default", List.of(), null, "", "", List.of(), "", 0, List.of()), f)));
        }
        for (int i = 0; i < nets.size(); i++) {
            Specs.Network n = nets.get(i);
            if (isUserDefined(n.target())) userDefined = true;
            else nonUserDefined = true;
            if (i == 0) n = applyContainerOptions(n, f);
            ObjectNode ep = endpoint(n);
            if (endpoints.has(n.target())) throw new IllegalArgumentException("network \"" + n.target() + "\" is specified multiple times");
            if (i == 0 && nets.size() == 1 && isEmptyEndpoint(n)) continue;
            endpoints.set(n.target(), ep);
        }
        if (userDefined && nonUserDefined) throw new IllegalArgumentException("conflicting options: cannot attach both user-defined and non-user-defined network-modes");
        return endpoints;
    }

    private static boolean isEmptyEndpoint(Specs.Network n) {
        return n.aliases().isEmpty() && n.links().isEmpty() && n.driverOpts() == null && n.ipv4().isEmpty() && n.ipv6().isEmpty()
                && n.linkLocalIps().isEmpty() && n.mac().isEmpty() && n.gwPriority() == 0;
    }

    private static boolean isUserDefined(String mode) {
        return !(mode.equals("default") || mode.equals("bridge") || mode.equals("host") || mode.equals("none")
                || mode.startsWith("container:"));
    }

    private static Specs.Network applyContainerOptions(Specs.Network n, ContainerFlags f) {
        if (!n.aliases().isEmpty() && !f.networkAliases.isEmpty()) throw new IllegalArgumentException("conflicting options: cannot specify both --network-alias and per-network alias");
        if (!n.ipv4().isEmpty() && !f.ip.isEmpty()) throw new IllegalArgumentException("conflicting options: cannot specify both --ip and per-network IPv4 address");
        if (!n.ipv6().isEmpty() && !f.ip6.isEmpty()) throw new IllegalArgumentException("conflicting options: cannot specify both --ip6 and per-network IPv6 address");
        if (!n.mac().isEmpty() && !f.macAddress.isEmpty()) throw new IllegalArgumentException("conflicting options: cannot specify both --mac-address and per-network MAC address");
        if (!n.linkLocalIps().isEmpty() && !f.linkLocalIps.isEmpty()) throw new IllegalArgumentException("conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses");
        List<String> aliases = f.networkAliases.isEmpty() ? n.aliases() : List.copyOf(f.networkAliases);
        if (!isUserDefined(n.target()) && !aliases.isEmpty()) throw new IllegalArgumentException("network-scoped aliases are only supported for user-defined networks");
        // for a user-defined network --link is an endpoint alias; on the default bridge a legacy link
        List<String> links = isUserDefined(n.target()) && !f.links.isEmpty() ? List.copyOf(f.links) : n.links();
        return new Specs.Network(n.target(), aliases, n.driverOpts(), f.ip.isEmpty() ? n.ipv4() : f.ip, f.ip6.isEmpty() ? n.ipv6() : f.ip6,
                f.linkLocalIps.isEmpty() ? n.linkLocalIps() : List.copyOf(f.linkLocalIps), f.macAddress.isEmpty() ? n.mac() : f.macAddress,
                n.gwPriority(), links);
    }

    /** network.EndpointSettings as the CLI fills it. */
    private static ObjectNode endpoint(Specs.Network n) {
        ObjectNode ep = F.objectNode();
        if (!n.ipv4().isEmpty() || !n.ipv6().isEmpty() || !n.linkLocalIps().isEmpty()) {
            ObjectNode ipam = ep.putObject("IPAMConfig");
            if (!n.ipv4().isEmpty()) ipam.put("IPv4Address", n.ipv4());
            if (!n.ipv6().isEmpty()) ipam.put("IPv6Address", n.ipv6());
            if (!n.linkLocalIps().isEmpty()) ipam.set("LinkLocalIPs", strings(n.linkLocalIps()));
        } else {
            ep.putNull("IPAMConfig");
        }
        ep.set("Links", strings(n.links().isEmpty() ? null : n.links()));
        ep.set("Aliases", strings(n.aliases().isEmpty() ? null : n.aliases()));
        if (!n.mac().isEmpty() && !n.mac().matches("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException(n.mac() + " is not a valid mac address");
        }
        ep.put("MacAddress", n.mac());
        if (n.driverOpts() != null && !n.driverOpts().isEmpty()) ep.set("DriverOpts", mapNode(new TreeMap<>(n.driverOpts())));
        else ep.putNull("DriverOpts");
        ep.put("GwPriority", n.gwPriority());
        for (String k : List.of("NetworkID", "EndpointID", "Gateway", "IPAddress")) ep.put(k, "");
        ep.put("IPPrefixLen", 0);
        ep.put("IPv6Gateway", "");
        ep.put("GlobalIPv6Address", "");
        ep.put("GlobalIPv6PrefixLen", 0);
        ep.putNull("DNSNames");
        return ep;
    }

    private static boolean validNamespaceMode(String mode, boolean uts) {
        if (mode.isEmpty() || mode.equals("host")) return true;
        if (!uts && mode.startsWith("container:")) return !mode.substring("container:".length()).isEmpty();
        return false;
    }

    private static boolean validUserns(String mode) {
        return mode.isEmpty() || mode.equals("host") || mode.equals("private");
    }

    /** parseSecurityOpts: key=value (or key:value), seccomp profiles inlined from files. */
    private static List<String> securityOpts(List<String> opts) {
        if (opts.isEmpty()) return null;
        List<String> out = new ArrayList<>();
        for (String opt : opts) {
            int eq = opt.indexOf('=');
            String k = eq < 0 ? opt : opt.substring(0, eq);
            String v = eq < 0 ? "" : opt.substring(eq + 1);
            boolean ok = eq >= 0;
            if (!ok && !k.equals("no-new-privileges")) {
                int c = opt.indexOf(':');
                ok = c >= 0;
                k = c < 0 ? opt : opt.substring(0, c);
                v = c < 0 ? "" : opt.substring(c + 1);
            }
            if ((!ok || v.isEmpty()) && !k.equals("no-new-privileges")) throw new IllegalArgumentException("Invalid --security-opt: " + GoParse.quote(opt));
            if (k.equals("seccomp") && !v.equals("builtin") && !v.equals("unconfined")) {
                try {
                    byte[] raw = Files.readAllBytes(Path.of(v));
                    String compact = dev.berth.cli.format.JsonIndent.compact(raw);
                    opt = "seccomp=" + compact;
                } catch (IOException e) {
                    throw new IllegalArgumentException("opening seccomp profile (" + v + ") failed: open " + v + ": no such file or directory");
                }
            }
            out.add(opt);
        }
        return out;
    }

    /** The API client's normalizeCapabilities: upper case, CAP_ prefix, unique, sorted. */
    static List<String> normalizeCaps(List<String> caps) {
        if (caps.isEmpty()) return null;
        TreeSet<String> out = new TreeSet<>();
        for (String c : caps) {
            String u = c.toUpperCase(java.util.Locale.ROOT);
            if (!u.equals("ALL") && !u.startsWith("CAP_")) u = "CAP_" + u;
            out.add(u);
        }
        return new ArrayList<>(out);
    }

    /** The run command's env handling: -e values keyed (last value wins), "K" without value kept bare. */
    private static List<String> dedupeEnv(List<String> env) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            byKey.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? null : e.substring(eq + 1));
        }
        List<String> out = new ArrayList<>();
        byKey.forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
        return out;
    }

    /** kvfile.Parse: comments and blanks skipped; "K" lines take K from the environment (env files only). */
    public static List<String> readKvFiles(List<String> files, Map<String, String> environment, boolean lookup) {
        List<String> out = new ArrayList<>();
        for (String file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("open " + file + ": no such file or directory");
            } catch (IOException e) {
                throw new IllegalArgumentException("open " + file + ": " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
                line = line.stripLeading();
                if (line.isEmpty() || line.startsWith("#")) continue;
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq);
                if (key.isEmpty()) throw new IllegalArgumentException("invalid env file (" + file + "): no variable name on line '" + line + "'");
                if (key.contains(" ") || key.contains("\t")) throw new IllegalArgumentException("invalid env file (" + file + "): variable '" + key + "' contains whitespaces");
                if (eq >= 0) {
                    out.add(line);
                } else if (lookup && environment != null && environment.containsKey(line)) {
                    out.add(key + "=" + environment.get(line));
                }
            }
        }
        return out;
    }

    private static void putKv(Map<String, String> m, String kv) {
        int eq = kv.indexOf('=');
        m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }

    private static void throttle(ArrayNode a, List<FlagValues.ThrottleDevice> list) {
        for (FlagValues.ThrottleDevice t : list) a.addObject().put("Path", t.path()).put("Rate", t.rate());
    }

    static ArrayNode strings(Collection<String> list) {
        if (list == null) return null;
        ArrayNode a = F.arrayNode();
        for (String s : list) a.add(s);
        return a;
    }

    private static ObjectNode mapNode(Map<String, ?> m) {
        ObjectNode o = F.objectNode();
        m.forEach((k, v) -> o.set(k, toNode(v)));
        return o;
    }

    @SuppressWarnings("unchecked")
    static com.fasterxml.jackson.databind.JsonNode toNode(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Map<?, ?> m) return mapNode((Map<String, ?>) m);
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            for (Object o : c) a.add(toNode(o));
            return a;
        }
        return F.textNode(v.toString());
    }
}
