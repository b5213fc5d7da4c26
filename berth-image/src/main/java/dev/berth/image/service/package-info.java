/**
 * The image service: one {@link dev.berth.image.service.Images} object per data root, which the daemon
 * holds, over the content store, the image store ({@code dev.berth.image.store}), a snapshotter
 * ({@code dev.berth.snapshot}) and the layer-tar engine ({@code dev.berth.archive}).
 *
 * <p>One class per verb behind the facade: {@link dev.berth.image.service.Unpacker} (layer blobs to
 * snapshots keyed by chain id, diff ids checked), {@link dev.berth.image.service.ContainerRootfs} and
 * {@link dev.berth.image.service.ContainerFiles} (a container's layers, mounts, diff, export),
 * {@link dev.berth.image.service.Committer}, {@link dev.berth.image.service.Importer},
 * {@link dev.berth.image.service.ArchiveLoader} / {@link dev.berth.image.service.ArchiveSaver} (docker
 * load/save: docker-archive and OCI layout), {@link dev.berth.image.service.ImageHistory},
 * {@link dev.berth.image.service.ImageInspector}, {@link dev.berth.image.service.ImagesReports} (list
 * sizes, prune, system df, check) and {@link dev.berth.image.service.Collector} (blobs and snapshots no
 * image needs). Pure parts are separate and unit-tested: {@link dev.berth.image.service.ConfigChanges}
 * (the {@code --change} instructions), {@link dev.berth.image.service.CommitConfigMerge},
 * {@link dev.berth.image.service.ShellWords}.
 *
 * <p>Own files under the data root: see {@link dev.berth.image.service.ServiceLayout}. Ordering rules for
 * crash safety and the GC/operation interlock: see {@link dev.berth.image.service.Images} and
 * {@link dev.berth.image.service.ChainGuard}.
 */
package dev.berth.image.service;
