package dev.berth.archive;

import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A real overlayfs mount for a test; close() unmounts it. */
final class OverlayMount implements AutoCloseable {
    private final Path target;

    OverlayMount(List<Path> lowers, Path upper, Path work, Path target) throws Errno {
        this.target = target;
        String lower = lowers.stream().map(Path::toString).collect(Collectors.joining(":"));
        Libc.mount("overlay", target.toString(), "overlay", 0,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work + ",redirect_dir=off,metacopy=off,index=off");
    }

    @Override
    public void close() throws Errno {
        try {
            Libc.umount2(target.toString(), 0);
        } catch (Errno e) {
            Libc.umount2(target.toString(), Libc.MNT_DETACH);
        }
    }
}
