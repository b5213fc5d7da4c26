/**
 * The layer-tar engine of Berth's image store: applying image layers to directories and making
 * layers (and {@code docker diff} lists) from directories.
 *
 * <ul>
 *   <li>{@link dev.berth.archive.LayerApplier#apply} - unpack a layer stream (tar, tar+gzip, tar+zstd)
 *       into an overlayfs upper dir ({@link dev.berth.archive.ApplyOptions.Mode#OVERLAY}) or a full copy
 *       of the lower layers ({@link dev.berth.archive.ApplyOptions.Mode#PLAIN}); returns the diff_id.
 *       Hostile tars cannot touch anything outside the target. On failure discard the target.</li>
 *   <li>{@link dev.berth.archive.LayerDiffer} - write the layer tar of an overlayfs upper dir, or of a
 *       full tree against its parent tree; returns the diff_id.</li>
 *   <li>{@link dev.berth.archive.Changes} - the A/C/D list of {@code docker diff} for both kinds.</li>
 *   <li>{@link dev.berth.archive.DirectoryTar} - a reproducible tar of a whole tree ({@code docker export},
 *       built-in image layers).</li>
 * </ul>
 *
 * <p>Everything here works on the real file system through directory fds (openat2 and the other
 * *at calls, see {@code internal.NativeFs}) and needs root for owners, devices and trusted.* xattrs.
 * The tar codec is this module's own ({@code internal.TarReader}/{@code TarWriter}): it keeps names and
 * xattr values (security.capability is binary) as exact bytes, which commons-compress does not.
 */
package dev.berth.archive;
