package dev.berth.archive;

import com.github.luben.zstd.ZstdIOException;
import dev.berth.archive.internal.DigestingInputStream;
import dev.berth.archive.internal.LayerInput;
import dev.berth.archive.internal.LayerUnpacker;
import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.RootedDirs;
import dev.berth.archive.internal.TarFormatException;
import dev.berth.archive.internal.TarReader;
import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Unpacks a layer tar (plain, gzip or zstd, told apart by magic bytes) into a directory, as Docker
 * applies image layers.
 *
 * <p><b>Terms.</b> The <i>target</i> is the directory the layer goes into: in {@link ApplyOptions.Mode#OVERLAY}
 * an empty overlayfs upper (diff) directory, in {@link ApplyOptions.Mode#PLAIN} a full copy of the
 * lower layers. Whiteouts are converted per mode (see {@link ApplyOptions.Mode}).
 *
 * <p><b>Safety.</b> No entry can write, link, chmod or delete outside the target: names are cleaned
 * like moby (an absolute name is taken relative to the target; a name whose ".." climbs out is
 * refused), and every parent directory is resolved by openat2(RESOLVE_IN_ROOT) on an fd of the
 * target, so symlinks the layer creates (absolute or relative) resolve inside it; the final component
 * is created relative to that fd without following it, and a regular entry replaces an existing
 * symlink instead of writing through it.
 *
 * <p><b>Failure.</b> Any refusal or error throws {@link BerthException} (INVALID_ARGUMENT for bad or
 * refused input, naming the entry: {@code invalid tar entry "…": …}, {@code corrupt layer tar: …};
 * UNSUPPORTED for bzip2/xz/sparse; INTERNAL for I/O trouble of our own). The target is then left
 * partly written: <b>the caller must discard it</b>. Unpack into a fresh temporary directory and
 * rename it into place only when apply returns.
 *
 * <p><b>Example.</b>
 * <pre>{@code
 * Path tmp = Files.createTempDirectory(snapshots, "apply-");
 * try (InputStream in = Files.newInputStream(blob)) {
 *     ApplyResult r = new LayerApplier().apply(in, tmp, ApplyOptions.overlay());
 *     if (!r.diffId().equals(expectedDiffId)) throw ...;   // verify against the image config
 *     Files.move(tmp, finalDir, StandardCopyOption.ATOMIC_MOVE);
 * } catch (BerthException e) { deleteRecursively(tmp); throw e; }
 * }</pre>
 *
 * <p><b>Streams.</b> The layer stream is read to its end (trailing bytes count in the digests) by a
 * helper thread that decompresses and hashes ahead of the file writing; it is never closed here. If
 * apply fails, that thread stops after its current read; close the stream afterwards as usual.
 *
 * <p><b>What is kept.</b> Types (files, dirs, symlinks, hardlinks, char/block devices, fifos), permission
 * bits with setuid/setgid/sticky, numeric owners, mtimes and atimes with nanoseconds (utimensat with
 * AT_SYMLINK_NOFOLLOW, symlinks included; directories last), xattrs from PAX SCHILY.xattr.* records
 * (not trusted.overlay.*, which would steer overlayfs; a security.* or user.* one the file system or an
 * LSM refuses is skipped). Hardlinks may point to entries of this layer or, in PLAIN mode, to files
 * already in the target. Not supported: sparse files (UNSUPPORTED), AUFS hardlink dirs (.wh..wh.plnk).
 *
 * <p>Needs root (chown, mknod, trusted.* xattrs). Stateless and thread-safe; each call uses its own
 * native buffers.
 */
public final class LayerApplier {

    /**
     * Reads the layer stream to its end and applies it to target (an existing directory).
     *
     * @return digests and sizes of what was read; {@link ApplyResult#diffId()} is the OCI diff_id
     */
    public ApplyResult apply(InputStream layer, Path target, ApplyOptions options) {
        LayerInput input = null;
        try (NativeFs fs = new NativeFs()) {
            int rootFd = openTarget(fs, target);
            try {
                input = LayerInput.open(layer, options.sizeLimit());
                long entries;
                try (RootedDirs dirs = new RootedDirs(fs, rootFd)) {
                    LayerUnpacker unpacker = new LayerUnpacker(fs, dirs, options);
                    unpacker.unpack(new TarReader(input.tar()));
                    entries = unpacker.entries();
                }
                input.drain();
                return new ApplyResult(input.diffId(), input.uncompressedSize(), input.compression(),
                        input.compressedDigest(), input.compressedSize(), entries);
            } finally {
                fs.close(rootFd);
            }
        } catch (DigestingInputStream.LimitExceededException e) {
            throw BerthException.invalid("layer refused: its uncompressed size exceeds the limit of %d bytes", options.sizeLimit());
        } catch (TarFormatException e) {
            if (e.isUnsupported()) throw new BerthException(BerthException.Kind.UNSUPPORTED, e.getMessage(), e);
            throw new BerthException(BerthException.Kind.INVALID_ARGUMENT, "corrupt layer tar: " + e.getMessage(), e);
        } catch (ZipException | ZstdIOException | EOFException e) {
            throw new BerthException(BerthException.Kind.INVALID_ARGUMENT, "corrupt layer: " + e.getMessage(), e);
        } catch (IOException e) {
            throw BerthException.internal("reading layer into " + target + ": " + e.getMessage(), e);
        } finally {
            if (input != null) input.close();
        }
    }

    private static int openTarget(NativeFs fs, Path target) {
        try {
            return fs.openTrusted(target, NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_CLOEXEC);
        } catch (Errno e) {
            if (e.errno() == Errno.ENOENT) throw BerthException.notFound("layer target %s does not exist", target);
            if (e.errno() == Errno.ENOTDIR) throw BerthException.invalid("layer target %s is not a directory", target);
            throw BerthException.internal("opening layer target " + target + ": " + e.getMessage(), e);
        }
    }
}
