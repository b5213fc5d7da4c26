package dev.berth.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.runtime.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container in its own user namespace: root inside, an unprivileged uid range outside. */
class UserNamespaceIT {
    @Test
    void rootInsideIsMappedOutside() throws Exception {
        try (Sandbox sb = Sandbox.create()) {
            String id = sb.id("userns");
            Spec spec = SpecEdit.busybox(sb.cgroupsPath(id), "sh", "-c",
                    "id -u; cat /proc/self/uid_map; touch /tmp/made-inside; echo $?");
            spec = SpecEdit.linux(spec, l -> {
                List<Spec.Namespace> ns = new ArrayList<>(l.namespaces());
                ns.add(new Spec.Namespace("user", null));
                return new Spec.Linux(List.of(new Spec.IdMapping(0, 200000, 65536)), List.of(new Spec.IdMapping(0, 200000, 65536)),
                        l.sysctl(), l.resources(), l.cgroupsPath(), ns, l.devices(), l.seccomp(), l.rootfsPropagation(),
                        l.maskedPaths(), l.readonlyPaths(), l.mountLabel());
            });
            Path bundle = sb.bundle(id, spec);
            RunResult r = sb.runBerth(id, bundle, Sandbox.seconds(20));
            assertEquals(0, r.code(), r.stderr());
            String[] lines = r.stdout().split("\n");
            assertEquals("0", lines[0].strip());
            assertTrue(lines[1].trim().matches("0\\s+200000\\s+65536"), lines[1]);
            assertEquals("0", lines[2].strip(), "root in the namespace could not write /tmp (1777)");
            Path made = Bundles.rootfs(bundle).resolve("tmp/made-inside");
            assertEquals(200000, (int) Files.getAttribute(made, "unix:uid"), "the file must belong to the mapped uid on the host");
        }
    }
}
