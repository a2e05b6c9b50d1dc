package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The metadata log: two header slots, then two halves that take turns holding a checkpoint
 * followed by appended records (docs/format/volume.md).
 * <pre>
 * header slot (blocks 0 and 1, slot = generation % 2), little fields big-endian:
 *   0  long magic "HAVENVOL"     8 int version          12 int volume block size
 *   16 long volume blocks       24 long save blocks      32 long half blocks
 *   40 long generation          48 int active half       52 long checkpoint blocks
 *   60 int CRC32C of bytes [0, 60)
 * log block (4096 bytes, block 2 + half * halfBlocks + index):
 *   0  int magic "HLOG"  4 long generation  12 long index  20 int CRC of the previous block
 *   24 int payload length, top bit set on the last block of a commit  28 payload (whole records)
 *   4092 int CRC32C of bytes [0, 4092)
 * </pre>
 * Records are buffered in memory and written by {@link #commit()}, one flush for the whole batch
 * (group commit); a commit is applied on replay only if its last block is intact, so an operation
 * logged as several records is all or nothing. The chain of CRCs stops replay at a torn or stale tail; the checkpoint part of a
 * half (counted in the header) must be intact, else the file is reported corrupt.
 */
final class MetaLog {
    static final int LOG_BLOCK = 4096;
    static final long MAGIC = 0x484156454E564F4CL; // "HAVENVOL"
    static final int VERSION = 1;
    private static final int BLOCK_MAGIC = 0x484C4F47; // "HLOG"
    private static final int PAYLOAD_START = 28;
    private static final int PAYLOAD_MAX = LOG_BLOCK - 4 - PAYLOAD_START;
    private static final int LAST_OF_COMMIT = 0x80000000;
    private static final int TAIL_LOOKAHEAD = 256;

    /** The header fields. */
    record Header(int blockSize, long blockCount, long saveBlocks, long halfBlocks, long generation,
            int activeHalf, long checkpointBlocks) {}

    private final BlockDevice dev;
    private final String file;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<byte[]> buffered = new ArrayList<>();
    private volatile int bufferedBytes;
    private Header header;
    private long nextIndex;
    private int prevCrc;

    private MetaLog(BlockDevice dev, String file, Header header) {
        this.dev = dev;
        this.file = file;
        this.header = header;
    }

    /** Blocks a metadata device needs for these half sizes. */
    static long deviceBlocks(long halfBlocks) {
        return 2 + 2 * halfBlocks;
    }

    /** Formats a new log on {@code dev}: both header slots, generation 0, empty half 0. */
    static MetaLog create(BlockDevice dev, String file, Header header) throws IOException {
        MetaLog log = new MetaLog(dev, file, header);
        dev.write(0, headerBlock(header));
        dev.write(1, headerBlock(header));
        dev.flush();
        return log;
    }

    /** Reads and checks the header; {@link #replay} then reads the records. */
    static MetaLog open(BlockDevice dev, String file) throws IOException {
        if (dev.blockSize() != LOG_BLOCK || dev.blockCount() < 2) {
            throw new VolumeCorruptException(file, "truncated or not a metadata file (" + dev.sizeBytes() + " bytes)");
        }
        Header h = readHeader(dev, file);
        if (dev.blockCount() < deviceBlocks(h.halfBlocks())) {
            throw new VolumeCorruptException(file, "truncated: " + dev.blockCount() + " blocks, header says "
                    + deviceBlocks(h.halfBlocks()));
        }
        return new MetaLog(dev, file, h);
    }

    Header header() {
        return header;
    }

    /** Buffers a record for the next {@link #commit()}. */
    void append(Record r) {
        byte[] enc = Record.encode(r);
        lock.lock();
        try {
            buffered.add(enc);
            bufferedBytes += enc.length;
        } finally {
            lock.unlock();
        }
    }

    boolean hasBuffered() {
        lock.lock();
        try {
            return !buffered.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    int bufferedBytes() {
        return bufferedBytes;
    }

    /** Blocks of the active half in use. */
    long usedBlocks() {
        return nextIndex;
    }

    /** Writes the buffered records after the current tail and flushes the device. */
    void commit() throws IOException {
        commit(takeBuffered());
    }

    /**
     * The records buffered so far, forgotten here; records appended meanwhile go to the next
     * batch. A flush takes its batch before it flushes the save volume, so every record in it was
     * appended after the data it points at was written (WriteOrder).
     */
    List<byte[]> takeBuffered() {
        lock.lock();
        try {
            List<byte[]> batch = new ArrayList<>(buffered);
            buffered.clear();
            bufferedBytes = 0;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code batch} (from {@link #takeBuffered()}) after the current tail as one commit and flushes. */
    void commit(List<byte[]> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        writeRecords(batch, header);
        dev.flush();
    }

    /**
     * Writes {@code state} as the checkpoint of the other half with the next generation, flushes,
     * then switches the header to it and flushes again. Until the header write is durable the
     * old half stays the valid one, so a crash at any point leaves a whole log.
     */
    void checkpoint(List<Record> state) throws IOException {
        Header next = new Header(header.blockSize(), header.blockCount(), header.saveBlocks(), header.halfBlocks(),
                header.generation() + 1, 1 - header.activeHalf(), 0);
        List<byte[]> enc = new ArrayList<>(state.size());
        for (Record r : state) {
            enc.add(Record.encode(r));
        }
        nextIndex = 0;
        prevCrc = 0;
        writeRecords(enc, next);
        dev.flush();
        header = new Header(next.blockSize(), next.blockCount(), next.saveBlocks(), next.halfBlocks(),
                next.generation(), next.activeHalf(), nextIndex);
        dev.write(header.generation() % 2, headerBlock(header));
        dev.flush();
    }

    private void writeRecords(List<byte[]> records, Header h) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(LOG_BLOCK);
        block.position(PAYLOAD_START);
        for (byte[] r : records) {
            if (block.position() + r.length > PAYLOAD_START + PAYLOAD_MAX) {
                writeBlock(block, h);
                block = ByteBuffer.allocate(LOG_BLOCK);
                block.position(PAYLOAD_START);
            }
            block.put(r);
        }
        block.putInt(24, LAST_OF_COMMIT);
        writeBlock(block, h);
    }

    private void writeBlock(ByteBuffer block, Header h) throws IOException {
        if (nextIndex >= h.halfBlocks()) {
            throw new IOException(file + ": metadata log full (" + h.halfBlocks() + " blocks per half)");
        }
        int payload = block.position() - PAYLOAD_START;
        block.putInt(0, BLOCK_MAGIC).putLong(4, h.generation()).putLong(12, nextIndex).putInt(20, prevCrc)
                .putInt(24, payload | (block.getInt(24) & LAST_OF_COMMIT));
        int crc = crc(block.array(), LOG_BLOCK - 4);
        block.putInt(LOG_BLOCK - 4, crc);
        block.clear();
        dev.write(blockAddress(h, nextIndex), block);
        nextIndex++;
        prevCrc = crc;
    }

    private static long blockAddress(Header h, long index) {
        return 2 + h.activeHalf() * h.halfBlocks() + index;
    }

    /** Feeds every durable record of the active half to {@code sink}, in order. */
    void replay(Consumer<Record> sink) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(LOG_BLOCK);
        List<Record> commit = new ArrayList<>();
        for (long i = 0; i < header.halfBlocks(); i++) {
            block.clear();
            dev.read(blockAddress(header, i), block);
            int length = block.getInt(24) & ~LAST_OF_COMMIT;
            boolean valid = block.getInt(0) == BLOCK_MAGIC && block.getLong(4) == header.generation()
                    && block.getLong(12) == i && block.getInt(20) == prevCrc
                    && crc(block.array(), LOG_BLOCK - 4) == block.getInt(LOG_BLOCK - 4)
                    && length >= 0 && length <= PAYLOAD_MAX;
            if (!valid) {
                if (i < header.checkpointBlocks()) {
                    throw new VolumeCorruptException(file, "checkpoint block " + i + " of generation "
                            + header.generation() + " has a bad checksum");
                }
                checkTornTail(i);
                break; // a torn tail: the last commit, never acknowledged by a flush
            }
            decodePayload(block, length, i, commit);
            if ((block.getInt(24) & LAST_OF_COMMIT) != 0) {
                commit.forEach(sink);
                commit.clear();
            }
            prevCrc = block.getInt(LOG_BLOCK - 4);
            nextIndex = i + 1;
        }
    }

    /**
     * Replay stopped at block {@code bad}. Commits are written one after the other, each flushed
     * before the next starts, so only the last commit can be torn: if a complete commit (its last
     * block intact) is followed by more intact blocks of this generation, the bad block sat in
     * the middle of acknowledged history and the file is corrupt. Looks a bounded distance ahead.
     */
    private void checkTornTail(long bad) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(LOG_BLOCK);
        long lastOfCommit = -1;
        for (long j = bad + 1; j < Math.min(header.halfBlocks(), bad + 1 + TAIL_LOOKAHEAD); j++) {
            block.clear();
            dev.read(blockAddress(header, j), block);
            boolean intact = block.getInt(0) == BLOCK_MAGIC && block.getLong(4) == header.generation()
                    && block.getLong(12) == j && crc(block.array(), LOG_BLOCK - 4) == block.getInt(LOG_BLOCK - 4);
            if (!intact) {
                continue;
            }
            if (lastOfCommit >= 0) {
                throw new VolumeCorruptException(file, "log block " + bad + " of generation " + header.generation()
                        + " has a bad checksum, but the log goes on after it (block " + j + ")");
            }
            if ((block.getInt(24) & LAST_OF_COMMIT) != 0) {
                lastOfCommit = j;
            }
        }
    }

    private void decodePayload(ByteBuffer block, int length, long index, List<Record> out)
            throws VolumeCorruptException {
        ByteBuffer p = block.duplicate().position(PAYLOAD_START).limit(PAYLOAD_START + length);
        try {
            while (p.hasRemaining()) {
                int tag = p.get() & 0xff;
                int len = p.getShort() & 0xffff;
                ByteBuffer body = p.slice(p.position(), len);
                p.position(p.position() + len);
                out.add(Record.decode(tag, body));
            }
        } catch (RuntimeException e) {
            throw new VolumeCorruptException(file, "log block " + index + " holds a malformed record: " + e.getMessage());
        }
    }

    private static ByteBuffer headerBlock(Header h) {
        ByteBuffer b = ByteBuffer.allocate(LOG_BLOCK);
        b.putLong(0, MAGIC).putInt(8, VERSION).putInt(12, h.blockSize()).putLong(16, h.blockCount())
                .putLong(24, h.saveBlocks()).putLong(32, h.halfBlocks()).putLong(40, h.generation())
                .putInt(48, h.activeHalf()).putLong(52, h.checkpointBlocks());
        b.putInt(60, crc(b.array(), 60));
        return b;
    }

    /** Picks the valid header slot with the highest generation; a torn slot is ignored if the other is valid. */
    private static Header readHeader(BlockDevice dev, String file) throws IOException {
        Header best = null;
        String problem = null;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer b = ByteBuffer.allocate(LOG_BLOCK);
            dev.read(slot, b);
            boolean crcOk = crc(b.array(), 60) == b.getInt(60);
            if (b.getLong(0) != MAGIC) {
                problem = problem != null ? problem : "bad magic: not a Haven volume metadata file";
                if (crcOk) {
                    throw new VolumeCorruptException(file, problem);
                }
                continue;
            }
            if (b.getInt(8) != VERSION) {
                throw new VolumeCorruptException(file, "unsupported version " + b.getInt(8) + " (this Haven reads "
                        + VERSION + ")");
            }
            if (!crcOk) {
                problem = "header checksum mismatch";
                continue;
            }
            Header h = new Header(b.getInt(12), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                    b.getInt(48), b.getLong(52));
            if (h.activeHalf() < 0 || h.activeHalf() > 1 || h.halfBlocks() <= 0 || h.blockCount() <= 0) {
                throw new VolumeCorruptException(file, "header fields out of range");
            }
            if (best == null || h.generation() > best.generation()) {
                best = h;
            }
        }
        if (best == null) {
            throw new VolumeCorruptException(file, problem);
        }
        return best;
    }

    static int crc(byte[] a, int length) {
        CRC32C c = new CRC32C();
        c.update(a, 0, length);
        return (int) c.getValue();
    }
}
