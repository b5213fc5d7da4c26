package dev.berth.firewall;

import dev.berth.common.BerthException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Berth's own nftables table ({@code ip <table>}) on the real kernel.
 *
 * <p>Lifecycle: the daemon creates one {@code Firewall} at start and calls {@link #apply} with the full model after
 * every network/container change (each call atomically replaces the table); {@link #close} (= {@link #remove}) on
 * clean shutdown deletes the table. Calling {@link #remove} at start also clears a table left by a crashed daemon.
 *
 * <p>Besides its table, {@code apply} makes sure {@code net.ipv4.ip_forward=1} (never touching any FORWARD policy),
 * sets {@code route_localnet=1} on each existing Berth bridge (needed for DNAT of 127.0.0.1), and copes with iptables'
 * {@code ip filter FORWARD} chain having policy drop: a packet must be accepted by every base chain of a hook, so in
 * that case Berth inserts {@code -i BR}/{@code -o BR} accepts into {@code DOCKER-USER}, tagged
 * {@code berth:<table>}; those are the only rules outside its own table that Berth ever writes.
 */
public final class Firewall implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Firewall.class.getName());
    private static final Path PROC_IPV4 = Path.of("/proc/sys/net/ipv4");

    private final String table;
    private final Path nft;
    private final List<String> commandPrefix;
    private ForwardPolicy forwardPolicy;
    private List<String> acceptedBridges = List.of();
    /** {@link NftScript#shape} of the model last rendered whole; null when the table may differ from it. */
    private String appliedShape;

    /** @throws BerthException FAILED_PRECONDITION if nftables ({@code nft}) is not installed */
    public Firewall(String table) {
        this(table, List.of());
    }

    /**
     * Runs nft/iptables behind {@code commandPrefix} (tests use {@code ip netns exec NS} to exercise the FORWARD-drop
     * path in a throwaway namespace); the sysctls are still the caller's.
     */
    Firewall(String table, List<String> commandPrefix) {
        this.commandPrefix = List.copyOf(commandPrefix);
        this.table = Names.table(table);
        this.nft = Command.find("nft").or(() -> Libnftables.get().map(l -> Path.of("nft"))).orElseThrow(() -> new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                "nftables is not installed: no libnftables and no 'nft' executable in PATH or /usr/sbin; Berth's bridge networking needs it"
                        + " (Debian/Ubuntu: apt-get install nftables)"));
    }

    public String table() {
        return table;
    }

    /** Replaces Berth's table with the rules for {@code m} in one nft transaction, then fixes sysctls and FORWARD. */
    public synchronized void apply(FirewallModel m) {
        String shape = NftScript.shape(m);
        if (!shape.equals(appliedShape) || !tryScript(NftScript.renderPublish(table, m))) {
            appliedShape = null;
            runScript(NftScript.render(table, m));
            appliedShape = shape;
        }
        ensureIpForward();
        List<String> bridges = m.bridges().stream().map(BridgeNet::bridge).toList();
        for (String bridge : bridges) enableRouteLocalnet(bridge);
        forwardPolicy = syncForwardAccepts(bridges);
    }

    /** Deletes Berth's table if present and the DOCKER-USER accepts tagged for it. */
    public synchronized void remove() {
        runScript(NftScript.renderRemove(table));
        removeDockerUserAccepts(List.of());
        forwardPolicy = null;
        acceptedBridges = List.of();
        appliedShape = null;
    }

    /** {@code nft list table ip <table>}, for tests and diagnostics. */
    public synchronized String currentRuleset() {
        Command.Result r = nft("list table ip " + table, false);
        if (!r.ok()) {
            if (r.stderr().contains("No such file or directory")) throw BerthException.notFound("nftables table ip %s does not exist", table);
            throw BerthException.internal("nft list table ip " + table + ": " + r.stderr(), null);
        }
        return r.stdout();
    }

    /** What iptables' FORWARD chain meant at the last {@link #apply}; detected now (read-only) before the first one. */
    public synchronized ForwardPolicy forwardPolicy() {
        if (forwardPolicy == null) {
            Optional<String> policy = filterChainPolicy("FORWARD");
            if (policy.isEmpty()) return ForwardPolicy.NO_CHAIN;
            if (!policy.get().equals("drop")) return ForwardPolicy.ACCEPT;
            return chainExists(DockerUserRules.CHAIN) ? ForwardPolicy.DROP_HANDLED : ForwardPolicy.DROP_UNHANDLED;
        }
        return forwardPolicy;
    }

    /** A transaction that may fail (our table edited by someone else): the caller then renders it whole. */
    private boolean tryScript(String script) {
        Command.Result r = nftScript(script);
        if (!r.ok()) LOG.log(Level.WARNING, "updating published ports in table ip " + table + " failed, rewriting it whole: " + r.stderr());
        return r.ok();
    }

    /** Runs one {@code nft -f -} transaction: all of it applies or none of it does. */
    void runScript(String script) {
        Command.Result r = nftScript(script);
        if (!r.ok()) throw new BerthException(BerthException.Kind.INTERNAL, NftError.describe(table, script, r.stderr()));
    }

    @Override
    public void close() {
        remove();
    }

    /**
     * Only the first apply and changes of policy or bridges read DOCKER-USER (an iptables fork, ~10 ms):
     * a container's start or stop changes neither.
     */
    private ForwardPolicy syncForwardAccepts(List<String> bridges) {
        Optional<String> policy = filterChainPolicy("FORWARD");
        if (policy.isEmpty() || !policy.get().equals("drop")) {
            if (forwardPolicy == null || forwardPolicy == ForwardPolicy.DROP_HANDLED) removeDockerUserAccepts(List.of());
            return policy.isEmpty() ? ForwardPolicy.NO_CHAIN : ForwardPolicy.ACCEPT;
        }
        if (forwardPolicy == ForwardPolicy.DROP_HANDLED && bridges.equals(acceptedBridges)) return ForwardPolicy.DROP_HANDLED;
        if (!chainExists(DockerUserRules.CHAIN)) {
            if (!bridges.isEmpty()) {
                LOG.log(Level.WARNING, "iptables chain ip filter FORWARD has policy drop and there is no DOCKER-USER chain:"
                        + " traffic of Berth's containers through bridges " + bridges + " will be dropped. To fix, run: "
                        + DockerUserRules.advice(bridges));
            }
            return ForwardPolicy.DROP_UNHANDLED;
        }
        Optional<Path> iptables = iptables();
        if (iptables.isEmpty()) {
            LOG.log(Level.WARNING, "ip filter FORWARD has policy drop but iptables is not installed, cannot add accepts for "
                    + bridges + " to DOCKER-USER");
            return ForwardPolicy.DROP_UNHANDLED;
        }
        Map<String, List<String>> present = removeDockerUserAccepts(DockerUserRules.wanted(bridges));
        for (String key : DockerUserRules.wanted(bridges)) {
            if (present.containsKey(key)) continue;
            runIptables(iptables.get(), DockerUserRules.insertArgs(key, table));
        }
        acceptedBridges = List.copyOf(bridges);
        return ForwardPolicy.DROP_HANDLED;
    }

    /** Deletes Berth's DOCKER-USER accepts except those in {@code keep}; returns the ones that were present. */
    private Map<String, List<String>> removeDockerUserAccepts(List<String> keep) {
        if (!chainExists(DockerUserRules.CHAIN)) return Map.of();
        Optional<Path> iptables = iptables();
        if (iptables.isEmpty()) return Map.of();
        Command.Result listing = run(iptables.get(), null, "-w", "-S", DockerUserRules.CHAIN);
        if (!listing.ok()) return Map.of();
        Map<String, List<String>> present = DockerUserRules.present(listing.stdout(), table);
        for (Map.Entry<String, List<String>> e : present.entrySet()) {
            if (!keep.contains(e.getKey())) runIptables(iptables.get(), e.getValue());
        }
        return present;
    }

    private void runIptables(Path iptables, List<String> args) {
        Command.Result r = run(iptables, null, args.toArray(String[]::new));
        if (!r.ok()) throw BerthException.internal(iptables + " " + String.join(" ", args) + ": " + r.stderr(), null);
    }

    /** One nft command, in-process through libnftables when the host has it, else {@code nft [-j] ARGS} in a child. */
    private Command.Result nft(String command, boolean json) {
        Optional<Libnftables> lib = commandPrefix.isEmpty() ? Libnftables.get() : Optional.empty();
        if (lib.isPresent()) return lib.get().command(command, json);
        List<String> args = new ArrayList<>();
        if (json) args.add("-j");
        args.addAll(List.of(command.split(" ")));
        return run(nft, null, args.toArray(String[]::new));
    }

    private Command.Result nftScript(String script) {
        Optional<Libnftables> lib = commandPrefix.isEmpty() ? Libnftables.get() : Optional.empty();
        return lib.isPresent() ? lib.get().script(script) : run(nft, script, "-f", "-");
    }

    private Command.Result run(Path exe, String stdin, String... args) {
        List<String> argv = new ArrayList<>(commandPrefix);
        argv.add(exe.toString());
        argv.addAll(List.of(args));
        return Command.run(argv, stdin);
    }

    private Optional<Path> iptables() {
        return Command.find("iptables-nft").or(() -> Command.find("iptables"));
    }

    /** Policy of {@code ip filter <chain>} if that chain exists and is a base chain. */
    private Optional<String> filterChainPolicy(String chain) {
        Command.Result r = nft("list chain ip filter " + chain, true);
        return r.ok() ? NftJson.chainPolicy(r.stdout(), chain) : Optional.empty();
    }

    private boolean chainExists(String chain) {
        return nft("list chain ip filter " + chain, false).ok();
    }

    private static void ensureIpForward() {
        Path file = PROC_IPV4.resolve("ip_forward");
        try {
            if (Files.readString(file).strip().equals("1")) return;
            Files.writeString(file, "1\n");
            LOG.log(Level.INFO, "enabled IPv4 forwarding (net.ipv4.ip_forward was 0) for Berth's bridges");
        } catch (IOException e) {
            throw BerthException.internal("cannot enable IPv4 forwarding via " + file + ": " + e.getMessage(), e);
        }
    }

    private static void enableRouteLocalnet(String bridge) {
        Path file = PROC_IPV4.resolve("conf").resolve(bridge).resolve("route_localnet");
        if (!Files.exists(file)) return;
        try {
            if (!Files.readString(file).strip().equals("1")) Files.writeString(file, "1\n");
        } catch (IOException e) {
            throw BerthException.internal("cannot set net.ipv4.conf." + bridge + ".route_localnet=1 via " + file + ": " + e.getMessage(), e);
        }
    }
}
