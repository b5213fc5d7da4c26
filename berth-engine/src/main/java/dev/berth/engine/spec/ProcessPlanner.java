package dev.berth.engine.spec;

import dev.berth.common.BerthException;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.Ulimit;
import dev.berth.oci.runtime.Rlimits;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.user.UserResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spec's process, as dockerd's WithCommonOptions, WithUser, WithCapabilities, WithRlimits,
 * WithOOMScore and the no-new-privileges option make it.
 */
final class ProcessPlanner {
    /** Where dockerd puts its init in the container (daemon/oci_linux.go inContainerInitPath). */
    static final String INIT_PATH = "/sbin/docker-init";

    private ProcessPlanner() {}

    /**
     * @param merged the config merged with the image's ({@link ConfigMerge#merge})
     * @param hc the HostConfig with Docker's defaults applied
     * @param withInit run the command under {@link #INIT_PATH}
     */
    static Spec.Process plan(ContainerConfig merged, HostConfig hc, UserResolver.ExecUser user, String hostname,
                             boolean withInit, SecurityOpts security) {
        List<String> args = new ArrayList<>();
        if (withInit) {
            args.add(INIT_PATH);
            args.add("--");
        }
        args.addAll(ConfigMerge.args(merged));
        boolean tty = HostConfigDefaults.isTrue(merged.tty());
        List<String> caps = CapabilityPlanner.capabilities(hc.capAdd(), hc.capDrop(), HostConfigDefaults.isTrue(hc.privileged()));
        return new Spec.Process(
                tty ? Boolean.TRUE : null,
                consoleSize(hc, tty),
                new Spec.User(user.uid(), user.gid(), null, user.additionalGids(), null),
                List.copyOf(args),
                ConfigMerge.processEnv(merged.env(), hostname, tty),
                workingDir(merged.workingDir()),
                CapabilityPlanner.forUser(caps, user.uid()),
                rlimits(hc.ulimits()),
                security.noNewPrivileges() ? Boolean.TRUE : null,
                null,
                HostConfigDefaults.value(hc.oomScoreAdj()),
                null);
    }

    /** WorkingDir cleaned (dockerd's SetupWorkingDirectory), "/" when empty. */
    static String workingDir(String wd) {
        return wd == null || wd.isEmpty() ? "/" : MountPaths.clean(wd);
    }

    /**
     * HostConfig.ConsoleSize [height, width], which CLI 28 sends with -t: given to the runtime as
     * the first window size (dockerd 23+; 20.10 waited for the resize call).
     */
    private static Spec.ConsoleSize consoleSize(HostConfig hc, boolean tty) {
        List<Integer> cs = hc.consoleSize();
        if (!tty || cs == null || cs.size() != 2 || cs.get(0) == null || cs.get(1) == null) return null;
        if (cs.get(0) <= 0 || cs.get(1) <= 0) return null;
        return new Spec.ConsoleSize(cs.get(0), cs.get(1));
    }

    /** Ulimits as RLIMIT_NAME entries; a later entry of the same name replaces an earlier one. Null when none. */
    static List<Spec.Rlimit> rlimits(List<Ulimit> ulimits) {
        if (ulimits == null || ulimits.isEmpty()) return null;
        Map<String, Spec.Rlimit> byType = new LinkedHashMap<>();
        for (Ulimit u : ulimits) {
            String name = u.name() == null ? "" : u.name();
            String type = "RLIMIT_" + name.toUpperCase(Locale.ROOT);
            try {
                Rlimits.number(type);
            } catch (BerthException e) {
                throw Errors.invalid("invalid ulimit type: " + name);
            }
            long soft = HostConfigDefaults.value(u.soft());
            long hard = HostConfigDefaults.value(u.hard());
            // -1 is unlimited (RLIM_INFINITY), so the comparison is unsigned, as the kernel's.
            if (Long.compareUnsigned(soft, hard) > 0) {
                throw Errors.invalid("ulimit soft limit must be less than or equal to hard limit: "
                        + Long.toUnsignedString(soft) + " > " + Long.toUnsignedString(hard));
            }
            byType.put(type, new Spec.Rlimit(type, hard, soft));
        }
        return List.copyOf(byType.values());
    }
}
