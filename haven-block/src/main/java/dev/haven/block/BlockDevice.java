package dev.haven.block;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A fixed-size array of equal-sized blocks.
 *
 * <p>Contract (checked by {@code BlockDeviceContract} in haven-testkit):
 * <ul>
 *   <li>{@link #read} and {@link #write} move whole blocks: the buffer's remaining bytes must be a
 *       positive multiple of {@link #blockSize()} and the range must lie inside the device, else
 *       {@link IllegalArgumentException}. The buffer's position advances by the bytes moved.
 *   <li>A block never written reads as zeros.
 *   <li>Writes are durable only after {@link #flush()} returns. A crash may lose, tear (at 512-byte
 *       sector granularity) or reorder any write not yet flushed.
 *   <li>Calls on different blocks may run concurrently from many threads; concurrent calls on the
 *       same block are ordered by the caller.
 *   <li>{@link #declareFree} is a hint from the file system above: the content of those blocks no
 *       longer matters to it until it writes them again, so a device may drop it and need not
 *       preserve it for snapshots. Reading a free block returns unspecified content.
 *   <li>After close every call fails with {@link IllegalStateException}.
 * </ul>
 */
public interface BlockDevice extends AutoCloseable {

    /** Bytes per block: a power of two from 512 to 65,536. */
    int blockSize();

    /** Number of blocks; the device's size is {@code blockCount() * blockSize()}. */
    long blockCount();

    /** True when {@link #write} and {@link #declareFree} are refused with {@link ReadOnlyDeviceException}. */
    boolean isReadOnly();

    /** Reads {@code dst.remaining()} bytes starting at block {@code block}. */
    void read(long block, ByteBuffer dst) throws IOException;

    /** Writes {@code src.remaining()} bytes starting at block {@code block}. */
    void write(long block, ByteBuffer src) throws IOException;

    /** Makes every write that returned before this call durable. */
    void flush() throws IOException;

    /** Hint: blocks {@code [block, block + count)} hold nothing the caller needs any more. */
    void declareFree(long block, long count) throws IOException;

    /**
     * True when writing a block may now cost the device a copy of what the block held (a snapshot
     * still needs blocks freed since it was taken): a file system then prefers blocks it freed
     * longest ago, or never used, over blocks it freed recently. False by default.
     */
    default boolean copiesOnRewrite() {
        return false;
    }

    /** Releases the device; does not flush. */
    @Override
    void close() throws IOException;

    /** The device size in bytes. */
    default long sizeBytes() {
        return blockCount() * blockSize();
    }

    /**
     * Checks a whole-block transfer of {@code bytes} bytes at {@code block} against this device.
     *
     * @throws IllegalArgumentException when the transfer is not whole blocks or leaves the device
     */
    default void checkRange(long block, int bytes) {
        int bs = blockSize();
        if (bytes <= 0 || bytes % bs != 0) {
            throw new IllegalArgumentException("transfer of " + bytes + " bytes is not a positive multiple of block size " + bs);
        }
        long blocks = bytes / bs;
        if (block < 0 || block > blockCount() - blocks) {
            throw new IllegalArgumentException(
                    "blocks [" + block + ", " + (block + blocks) + ") outside device of " + blockCount() + " blocks");
        }
    }
}
