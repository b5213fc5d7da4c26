package dev.berth.snapshot;

/**
 * Disk use of one snapshot's own directory (not its parents'). Hard links are counted once.
 *
 * @param bytes  allocated bytes (st_blocks * 512, as du counts them), not apparent sizes
 * @param inodes distinct inodes, the snapshot's root directory included
 */
public record Usage(long bytes, long inodes) {
    public Usage {
        if (bytes < 0 || inodes < 0) throw new IllegalArgumentException("negative usage " + bytes + "/" + inodes);
    }
}
