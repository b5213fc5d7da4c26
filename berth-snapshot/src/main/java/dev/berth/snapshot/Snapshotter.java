package dev.berth.snapshot;

/**
 * Stores filesystem layers as a tree of snapshots and says how to mount them, after containerd's
 * snapshotter. It never mounts anything itself: mounts are returned as {@link Mount} data and carried out
 * by {@link Mounter} (or by the runtime inside a container's mount namespace).
 *
 * <h2>Terms</h2>
 * <ul>
 *   <li><b>Key</b>: the name of a snapshot, unique across all kinds. Committed image layers are keyed by
 *   their <b>chain id</b> ({@link ChainIds}): the digest of the whole stack of layers up to and including
 *   that one, so two images that share their first n layers share n snapshots, while the same layer on
 *   top of a different base gets a different key.</li>
 *   <li><b>Parent</b>: the committed snapshot a snapshot was prepared on. Following parents gives the
 *   <b>chain</b>, topmost first; mounting a snapshot shows the chain merged.</li>
 *   <li><b>Whiteout</b>: how a layer records a deletion. See {@link WhiteoutMode}; the overlay store keeps
 *   them as overlayfs markers, the native store applies them as deletions.</li>
 * </ul>
 *
 * <h2>States</h2>
 * <pre>
 *               prepare(key, parent) / stage(parent)           commit(name, key)
 *   (nothing) ------------------------------------&gt; ACTIVE ---------------------&gt; COMMITTED
 *       |                                             | remove(key)                   | remove(name), refused
 *       | view(key, parent)                           v                               v while it has children
 *       +-------------------------------------&gt; VIEW ---remove(key)---&gt; (nothing) &lt;---+
 * </pre>
 * <ul>
 *   <li><b>Active</b> snapshots are writable. Write into the {@link Prepared#dir() directory} that prepare
 *   returns (the layer applier does, or the engine writing a container's init files), or mount
 *   {@link SnapshotCatalog#mounts mounts(key)}, which stacks it read-write over its chain: this is what a
 *   running container uses as its root filesystem.</li>
 *   <li><b>Committed</b> snapshots are read-only layers and the only kind that can be a parent. Commit is
 *   atomic: a key that names a committed snapshot always names a complete one; an active snapshot that was
 *   half-written when the process died is never found under the committed key. Staging snapshots
 *   ({@link SnapshotLifecycle#stage}) are even removed when the store is next opened.</li>
 *   <li><b>Views</b> are read-only mounts of a committed snapshot (for example to read an image's
 *   {@code /etc/passwd} without a container).</li>
 * </ul>
 *
 * <h2>Worked example: an image with two layers and one container</h2>
 * <pre>{@code
 * // diff ids D0, D1 from the image config; chain ids C0 = D0, C1 = sha256(C0 + " " + D1)
 * Prepared p = snapshotter.stage(null);            // empty directory
 * applier.apply(layer0, p.dir(), p.whiteouts());    // unpack the first layer
 * snapshotter.commit(C0, p.key());                  // now C0 exists, read-only
 * p = snapshotter.stage(C0);                        // overlay: empty upper; native: a copy of C0
 * applier.apply(layer1, p.dir(), p.whiteouts());
 * snapshotter.commit(C1, p.key());
 *
 * // a container "abc" (ContainerLayers does these steps):
 * p = snapshotter.stage(C1);                        // init layer: /etc/hosts, /etc/hostname, ...
 * writeInitFiles(p.dir());
 * snapshotter.commit("abc-init", p.key());
 * snapshotter.prepare("abc", "abc-init");           // the container's writable layer
 * mounter.mount(snapshotter.mounts("abc"), rootfs); // overlay lowerdir=abc-init:C1:C0, upperdir=abc
 * ...
 * mounter.unmount(rootfs);
 * snapshotter.remove("abc");
 * snapshotter.remove("abc-init");
 * snapshotter.remove(C1);                           // when the image is deleted; refused while
 * snapshotter.remove(C0);                           // another image or container still builds on it
 * }</pre>
 *
 * <p>Implementations are safe for concurrent use by the threads of one process; a store directory is
 * locked against a second process. They must be closed to release that lock.
 */
public interface Snapshotter extends SnapshotCatalog, SnapshotLifecycle, AutoCloseable {
    @Override
    void close();
}
