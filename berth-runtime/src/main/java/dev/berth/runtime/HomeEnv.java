package dev.berth.runtime;

import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.user.UserResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * runc's HOME rule: a process whose env has no HOME gets the home directory of its uid's entry in the container's
 * /etc/passwd, or "/" when there is none (libcontainer's setupUser). The file is read from the rootfs with symlinks
 * kept inside it.
 */
final class HomeEnv {
    private HomeEnv() {}

    static Spec.Process apply(Spec.Process p, Path rootfs) {
        if (p == null || p.env() != null && p.env().stream().anyMatch(e -> e.startsWith("HOME="))) return p;
        int uid = p.user() == null ? 0 : p.user().uid();
        String home = UserResolver.resolve(rootfs, Integer.toString(uid), null).home();
        List<String> env = new ArrayList<>(p.env() == null ? List.of() : p.env());
        env.add("HOME=" + home);
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), p.args(), List.copyOf(env), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    static Spec apply(Spec s, Path rootfs) {
        return new Spec(s.ociVersion(), apply(s.process(), rootfs), s.root(), s.hostname(), s.domainname(), s.mounts(),
                s.hooks(), s.annotations(), s.linux());
    }
}
