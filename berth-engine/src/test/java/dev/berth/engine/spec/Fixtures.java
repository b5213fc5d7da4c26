package dev.berth.engine.spec;

import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.image.model.ImageConfig;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.user.UserResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Realistic create bodies (captured from docker CLI 28.2.2 at API 1.41) and a fake host for them. */
final class Fixtures {
    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SHORT_ID = ID.substring(0, 12);
    static final UserResolver.ExecUser ROOT = new UserResolver.ExecUser(0, 0, List.of(0), "/root");
    /** busybox's nobody: uid and gid 65534. */
    static final UserResolver.ExecUser NOBODY = new UserResolver.ExecUser(65534, 65534, List.of(65534), "/home");
    /** A 2-CPU host with v1 controllers, like the machine the bodies were captured on. */
    static final HostInfo HOST = HostInfo.of(2, false);

    /** busybox's image config. */
    static final ImageConfig.Config BUSYBOX = new ImageConfig.Config(null, null,
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), null, List.of("sh"),
            null, null, null, null, null, null, null, null, null);

    /** Host paths that exist on the fake host. */
    static final Set<String> HOST_PATHS = Set.of("/host", "/dev/null", "/dev/sda", "/srv", "/srv/data", "/etc/berth/hosts");

    /** Device nodes of the fake host. */
    static final Map<String, Spec.Device> HOST_DEVICES = Map.of(
            "/dev/null", new Spec.Device("c", "/dev/null", 1, 3, 0666, 0, 0),
            "/dev/sda", new Spec.Device("b", "/dev/sda", 8, 0, 0660, 0, 6),
            "/dev/fuse", new Spec.Device("c", "/dev/fuse", 10, 229, 0666, 0, 0));

    static final DeviceLookup DEVICES = path -> {
        if (path.equals("/dev/snd")) {
            return List.of(new Spec.Device("c", "/dev/snd/controlC0", 116, 0, 0660, 0, 29),
                    new Spec.Device("c", "/dev/snd/timer", 116, 33, 0660, 0, 29));
        }
        Spec.Device d = HOST_DEVICES.get(path);
        return d == null ? List.of() : List.of(d);
    };

    private Fixtures() {}

    static CreateRequest body(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name + ".json")) {
            if (in == null) throw new IllegalArgumentException("no test body " + name);
            return CreateRequest.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body with its HostConfig changed. */
    static CreateRequest withHost(CreateRequest r, UnaryOperator<HostConfig.Builder> change) {
        HostConfig hc = r.hostConfig() == null ? HostConfig.builder().build() : r.hostConfig();
        return new CreateRequest(r.config(), change.apply(hc.toBuilder()).build(), r.networkingConfig());
    }

    static SpecInput.Builder input(CreateRequest request, Path rootfs) {
        return input(request, rootfs, ROOT);
    }

    static SpecInput.Builder input(CreateRequest request, Path rootfs, UserResolver.ExecUser user) {
        return SpecInput.builder(ID, request, rootfs, user, HOST)
                .image(BUSYBOX)
                .pathExists(p -> HOST_PATHS.contains(p.toString()))
                .devices(DEVICES)
                .sysctlExists(name -> true);
    }
}
