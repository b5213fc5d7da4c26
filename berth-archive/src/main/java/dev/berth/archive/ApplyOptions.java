package dev.berth.archive;

import dev.berth.common.BerthException;

/**
 * How {@link LayerApplier} writes a layer and what it refuses.
 *
 * @param mode         {@link Mode#OVERLAY} or {@link Mode#PLAIN}
 * @param allowDevices when false, character and block device entries are refused (a 0:0 character
 *                     device, which is overlayfs's whiteout and reaches no device, is still accepted)
 * @param allowSetuid  when false, non-directory entries with the setuid or setgid bit are refused
 *                     (setgid directories are harmless and accepted)
 * @param sizeLimit    maximum bytes of the uncompressed tar stream; it bounds every byte written too
 * @param entryLimit   maximum number of tar entries
 */
public record ApplyOptions(Mode mode, boolean allowDevices, boolean allowSetuid, long sizeLimit, long entryLimit) {

    /** Where the layer goes. */
    public enum Mode {
        /**
         * The target is an overlayfs upper (diff) directory holding only this layer: whiteouts become
         * 0:0 character devices, opaque markers the xattr trusted.overlay.opaque=y.
         */
        OVERLAY,
        /**
         * The target already holds a full copy of the lower layers (vfs-like): a whiteout deletes the
         * named file or tree, an opaque marker empties its directory of what earlier layers put there.
         */
        PLAIN
    }

    public static final long DEFAULT_ENTRY_LIMIT = 4_000_000;

    public ApplyOptions {
        if (mode == null) throw BerthException.invalid("apply options: mode is required");
        if (sizeLimit <= 0) throw BerthException.invalid("apply options: size limit must be positive, got %d", sizeLimit);
        if (entryLimit <= 0) throw BerthException.invalid("apply options: entry limit must be positive, got %d", entryLimit);
    }

    /** Docker's defaults: devices and setuid files allowed, no size limit, {@value #DEFAULT_ENTRY_LIMIT} entries. */
    public static ApplyOptions overlay() {
        return builder(Mode.OVERLAY).build();
    }

    /** As {@link #overlay()} but for {@link Mode#PLAIN}. */
    public static ApplyOptions plain() {
        return builder(Mode.PLAIN).build();
    }

    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    public static final class Builder {
        private final Mode mode;
        private boolean allowDevices = true;
        private boolean allowSetuid = true;
        private long sizeLimit = Long.MAX_VALUE;
        private long entryLimit = DEFAULT_ENTRY_LIMIT;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        public Builder allowDevices(boolean v) {
            allowDevices = v;
            return this;
        }

        public Builder allowSetuid(boolean v) {
            allowSetuid = v;
            return this;
        }

        public Builder sizeLimit(long v) {
            sizeLimit = v;
            return this;
        }

        public Builder entryLimit(long v) {
            entryLimit = v;
            return this;
        }

        public ApplyOptions build() {
            return new ApplyOptions(mode, allowDevices, allowSetuid, sizeLimit, entryLimit);
        }
    }
}
