package dev.berth.cgroups;

import dev.berth.cgroups.internal.CgroupSyscalls;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@link CgroupFs} on the real kernel. */
public final class KernelCgroupFs implements CgroupFs {
    @Override
    public boolean mkdir(Path dir) throws Errno {
        return CgroupSyscalls.mkdir(dir.toString(), 0755);
    }

    @Override
    public boolean rmdir(Path dir) throws Errno {
        return CgroupSyscalls.rmdir(dir.toString());
    }

    @Override
    public void write(Path file, String value) throws Errno {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        int fd = Libc.open(file.toString(), Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        try {
            long n = Libc.write(fd, data);
            if (n != data.length) throw new Errno("write", file + " (short write)", Errno.EIO);
        } catch (Errno e) {
            throw new Errno("write", file.toString(), e.errno());
        } finally {
            Libc.close(fd);
        }
    }
}
