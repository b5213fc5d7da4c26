/**
 * Berth's snapshotter: image layers and container layers as snapshots, after containerd.
 *
 * <ul>
 *   <li>{@link dev.berth.snapshot.Snapshotter} (= {@link dev.berth.snapshot.SnapshotCatalog} +
 *   {@link dev.berth.snapshot.SnapshotLifecycle}) is the contract; its javadoc explains the lifecycle.</li>
 *   <li>{@link dev.berth.snapshot.overlay.OverlaySnapshotter} keeps one directory per layer and plans overlay
 *   mounts; {@link dev.berth.snapshot.nativefs.NativeSnapshotter} copies every layer in full, for data roots
 *   where overlay does not work ({@link dev.berth.snapshot.OverlayProbe} tells which).</li>
 *   <li>Snapshotters never mount: they return {@link dev.berth.snapshot.Mount} data, which
 *   {@link dev.berth.snapshot.Mounter} carries out (including stacks too long for one mount(2) call).</li>
 *   <li>{@link dev.berth.snapshot.ChainIds} computes the keys of image layers;
 *   {@link dev.berth.snapshot.ContainerLayers} makes a container's init and writable layers.</li>
 * </ul>
 * Metadata and crash safety are described in {@link dev.berth.snapshot.local.MetaStore}.
 */
package dev.berth.snapshot;
