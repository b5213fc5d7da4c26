package dev.berth.engine.spec;

import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.Mount;
import java.util.ArrayList;
import java.util.List;

/** A container's mounts as inspect and list show them ({@code Mounts}: binds, --mount entries). */
public final class MountPoints {
    /** One entry of {@code Mounts}; {@code mode} is what -v gave ("ro", "z"...), empty for --mount. */
    public record MountPoint(String type, String name, String source, String destination, String mode, boolean rw,
                             String propagation) {}

    private MountPoints() {}

    public static List<MountPoint> of(HostConfig hc) {
        List<MountPoint> out = new ArrayList<>();
        if (hc == null) return out;
        if (hc.binds() != null) for (String raw : hc.binds()) {
            BindSpec b;
            try {
                b = BindSpec.parse(raw);
            } catch (RuntimeException e) {
                continue; // validated at create; a record from an older version is shown without it
            }
            String[] parts = raw.split(":", 3);
            String mode = parts.length == 3 ? parts[2] : "";
            if (b.isVolume()) out.add(new MountPoint("volume", b.source(), "", b.destination(), mode, !b.readOnly(), ""));
            else out.add(new MountPoint("bind", "", b.source(), b.destination(), mode, !b.readOnly(), b.propagation()));
        }
        if (hc.mounts() != null) for (Mount m : hc.mounts()) {
            boolean rw = !Boolean.TRUE.equals(m.readOnly());
            String dest = m.target() == null ? "" : MountPaths.clean(m.target());
            switch (m.type() == null ? "" : m.type()) {
                case Mount.TYPE_BIND -> {
                    String prop = m.bindOptions() != null && m.bindOptions().propagation() != null ? m.bindOptions().propagation()
                            : BindSpec.DEFAULT_PROPAGATION;
                    out.add(new MountPoint("bind", "", m.source() == null ? "" : MountPaths.clean(m.source()), dest, "", rw, prop));
                }
                case Mount.TYPE_TMPFS -> out.add(new MountPoint("tmpfs", "", "", dest, "", rw, ""));
                case Mount.TYPE_VOLUME -> out.add(new MountPoint("volume", m.source() == null ? "" : m.source(), "", dest, "z", rw, ""));
                default -> { }
            }
        }
        return out;
    }
}
