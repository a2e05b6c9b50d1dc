package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One block device made of several equal segments (the last may be shorter), so a volume can be
 * larger than the host file system's largest file (16 TiB on ext4). Each segment only flushes
 * when written, so a flush costs one sync per segment touched.
 */
final class SegmentedDevice implements BlockDevice {
    private final List<BlockDevice> segments;
    private final long segmentBlocks;
    private final long blockCount;
    private final String name;

    SegmentedDevice(List<BlockDevice> segments, long segmentBlocks, String name) {
        this.segments = segments.stream().<BlockDevice>map(TrackedDevice::new).toList();
        this.segmentBlocks = segmentBlocks;
        this.blockCount = segments.stream().mapToLong(BlockDevice::blockCount).sum();
        this.name = name;
    }

    @Override
    public int blockSize() {
        return segments.get(0).blockSize();
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public boolean isReadOnly() {
        return segments.get(0).isReadOnly();
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        checkRange(block, dst.remaining());
        split(block, dst, BlockDevice::read);
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        checkRange(block, src.remaining());
        split(block, src, BlockDevice::write);
    }

    private interface Transfer {
        void apply(BlockDevice segment, long block, ByteBuffer buf) throws IOException;
    }

    /** Runs {@code op} once per segment the transfer touches, on that segment's part of {@code buf}. */
    private void split(long block, ByteBuffer buf, Transfer op) throws IOException {
        while (buf.hasRemaining()) {
            int n = pieceBytes(block, buf.remaining());
            op.apply(segments.get((int) (block / segmentBlocks)), block % segmentBlocks, buf.slice(buf.position(), n));
            buf.position(buf.position() + n);
            block += n / blockSize();
        }
    }

    /** Bytes of a transfer at {@code block} that stay inside its segment. */
    private int pieceBytes(long block, int remaining) {
        long left = (segmentBlocks - block % segmentBlocks) * blockSize();
        return (int) Math.min(remaining, left);
    }

    @Override
    public void flush() throws IOException {
        for (BlockDevice s : segments) {
            s.flush();
        }
    }

    @Override
    public void declareFree(long block, long count) {
        // A hint: host files keep their bytes.
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BlockDevice s : segments) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
