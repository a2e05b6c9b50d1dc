package dev.haven.fs;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mounted metadata: superblock, allocator, tree, and inode records changed since the last
 * commit. Commits are copy-on-write ({@code docs/format/havenfs.md} "Commit"):
 * <ol>
 *   <li>write the dirty inode records into the tree;
 *   <li>write every new tree node to a block that is free in the last committed state;
 *   <li>write the bitmap region of the new seq; flush (data written before the commit is durable too);
 *   <li>write the superblock slot {@code seq % 2}; flush: this is the atomic commit point;
 *   <li>release the blocks freed in this transaction and declare them free to the device.
 * </ol>
 * Callers hold the metadata write lock for every change except the data path's inode updates
 * ({@link #putInode} is thread-safe for that).
 */
final class Meta {
    /** Pending frees (64 MiB of 4 KiB blocks) that make the next operation commit. */
    private static final long PROMPT_FREES = 16_384;

    static final long ROOT = 1;
    private static final int MIN_BLOCKS = 64;

    final Disk disk;
    final Clock clock;
    final boolean readOnly;
    final Allocator alloc;
    final BTree tree;
    final Names names;
    final int maxValue;
    final boolean mountedClean;
    private final Map<Long, Inode> dirtyInodes = new ConcurrentHashMap<>();
    private Superblock sb;
    private long nextInode;
    private long inodeCount;
    private Instant lastCommit;
    private boolean forceCommit;

    private Meta(Disk disk, Clock clock, boolean readOnly, Superblock sb, Allocator alloc, Node root) {
        this.disk = disk;
        this.clock = clock;
        this.readOnly = readOnly;
        this.sb = sb;
        this.alloc = alloc;
        this.tree = new BTree(new NodeStore(disk, 16_384), b -> alloc.free(b, 1), disk.blockSize, root);
        this.names = new Names(sb.caseInsensitive(), sb.fsId());
        this.maxValue = NodeCodec.maxValue(disk.blockSize);
        this.nextInode = sb.nextInode();
        this.inodeCount = sb.inodes();
        this.mountedClean = sb.clean();
        this.lastCommit = clock.instant();
    }

    static Meta format(BlockDevice device, FormatOptions options) throws FsException {
        if (device.isReadOnly()) {
            throw new FsException(FsError.READ_ONLY, "cannot format a read-only device");
        }
        Disk disk = new Disk(device);
        long total = Math.min(disk.blocks, Integer.MAX_VALUE - 1);
        long bitmapBlocks = Allocator.bitmapBlocks(total, disk.blockSize);
        if (total < 2 + 2 * bitmapBlocks + MIN_BLOCKS) {
            throw new FsException(FsError.NO_SPACE, "device of " + disk.blocks + " blocks is too small");
        }
        long ticks = Inode.toTicks(options.clock().instant());
        Superblock sb = new Superblock(0, disk.blockSize, options.caseInsensitive() ? Superblock.FEATURE_CASE_INSENSITIVE : 0,
                UUID.randomUUID(), total, 2 + 2 * bitmapBlocks, ROOT + 1, 0, 1, 2, bitmapBlocks, true, ticks);
        Allocator alloc = new Allocator(total, disk.blockSize, disk.device::copiesOnRewrite);
        alloc.markUsed(0, sb.dataStart());
        alloc.setCursors(sb.dataStart());
        Meta m = new Meta(disk, options.clock(), false, sb, alloc, Leaf.empty());
        m.putInode(new Inode(ROOT, 1, NodeType.DIRECTORY, 0755, 0, 0, 2, 0, 0, ticks, ticks, ticks, ticks, 0, ROOT));
        alloc.markAllDirty(); // every bitmap block of both regions is written once at format
        m.commit(true);
        alloc.markAllDirty();
        m.forceCommit = true;
        m.commit(true); // the second commit fills the other bitmap region and superblock slot
        m.declareAllFree();
        return m;
    }

    static Meta mount(BlockDevice device, MountOptions options) throws FsException {
        Disk disk = new Disk(device);
        Superblock sb = newestSuperblock(disk);
        Allocator alloc = new Allocator(sb.blockCount(), disk.blockSize, disk.device::copiesOnRewrite);
        for (int i = 0; i < sb.bitmapBlocks(); i++) {
            long block = sb.bitmapBlock(sb.seq(), i);
            ByteBuffer blk = disk.readBlock(block);
            BlockHeader.check(blk, BlockHeader.BITMAP_MAGIC, block, "allocation bitmap");
            alloc.decode(i, blk);
        }
        if (alloc.used() != sb.usedBlocks()) {
            throw FsException.corrupt(sb.slot(), "superblock counts " + sb.usedBlocks() + " used blocks, bitmap " + alloc.used());
        }
        alloc.setCursors(sb.dataStart());
        alloc.markAllDirty();
        boolean ro = options.readOnly() || device.isReadOnly();
        Node root = new NodeStore(disk, 1).load(sb.root(), -1);
        Meta m = new Meta(disk, options.clock(), ro, sb, alloc, root);
        if (!ro) {
            m.declareAllFree(); // a crash may have come between a commit and its free hints
        }
        return m;
    }

    /** Tells the device every free block, so that snapshots below never preserve them. */
    private void declareAllFree() throws FsException {
        for (Extent e : alloc.freeRuns()) {
            disk.declareFree(e.start(), e.length());
        }
    }

    static Superblock newestSuperblock(Disk disk) throws FsException {
        Superblock best = null;
        FsException firstError = null;
        boolean anyMagic = false;
        for (long slot = 0; slot < 2; slot++) {
            ByteBuffer b = disk.readBlock(slot);
            anyMagic |= b.getInt(0) == BlockHeader.SUPER_MAGIC;
            try {
                Superblock s = Superblock.decode(b, slot, disk.blocks);
                if (best == null || s.seq() > best.seq()) {
                    best = s;
                }
            } catch (FsException e) {
                firstError = firstError == null ? e : firstError;
            }
        }
        if (best != null) {
            return best;
        }
        if (!anyMagic) {
            throw new FsException(FsError.CORRUPT, "not a HavenFS file system: no superblock in blocks 0 and 1");
        }
        throw firstError;
    }

    Superblock superblock() {
        return sb;
    }

    long now() {
        return Inode.toTicks(clock.instant());
    }

    long inodeCount() {
        return inodeCount;
    }

    /** The inode, or null when there is none with this id. */
    Inode inode(long id) throws FsException {
        Inode i = dirtyInodes.get(id);
        if (i != null) {
            return i;
        }
        byte[] v = tree.get(Key.of(id, ItemType.INODE, 0));
        return v == null ? null : Inode.decode(id, v);
    }

    /** The inode, or {@link FsError#STALE} when it was deleted (or never existed). */
    Inode require(long id) throws FsException {
        Inode i = inode(id);
        if (i == null) {
            throw new FsException(FsError.STALE, "inode " + id + " does not exist");
        }
        return i;
    }

    void putInode(Inode i) {
        dirtyInodes.put(i.id(), i);
    }

    Inode newInode(NodeType type, CreateAttributes a, long parent) {
        long now = now();
        long id = nextInode++;
        inodeCount++;
        int links = type == NodeType.DIRECTORY ? 2 : 1;
        // A random generation: ids handed out in a transaction lost to a crash are handed out again,
        // and a handle to the lost file must then be STALE, not name the new one.
        long generation = 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);
        Inode i = new Inode(id, generation, type, a.mode(), a.uid(), a.gid(), links, 0, 0, now, now, now, now,
                a.dosAttributes(), type == NodeType.DIRECTORY ? parent : 0);
        putInode(i);
        return i;
    }

    /** Drops the inode record (its other items are the caller's). */
    void deleteInode(long id) throws FsException {
        dirtyInodes.remove(id);
        tree.delete(Key.of(id, ItemType.INODE, 0));
        inodeCount--;
    }

    boolean changed() {
        return tree.changed() || !dirtyInodes.isEmpty() || alloc.pendingFrees() > 0;
    }

    /**
     * True when the caller should commit now: enough dirty, the oldest change old enough, or many
     * blocks waiting to be freed (a big delete or overwrite: its blocks can be used again only after
     * the commit, and reusing them soon keeps the volume's host file small and its pages cached).
     */
    boolean commitDue(MountOptions o) {
        return changed() && (tree.dirtyCount() + dirtyInodes.size() / 16 >= o.dirtyNodeLimit()
                || alloc.pendingFrees() >= PROMPT_FREES
                || Duration.between(lastCommit, clock.instant()).compareTo(o.commitInterval()) >= 0);
    }

    /** Blocks kept back for metadata, so that deleting always works on a full volume. */
    long reserve() {
        return Math.max(32, alloc.total() / 64);
    }

    /** Free blocks once the pending commit has placed its nodes. */
    long spareBlocks() {
        return alloc.free() - tree.dirtyCount() - dirtyInodes.size() / 16 - 16;
    }

    /** Ensures {@code blocks} more can be allocated (committing first to release pending frees). */
    void ensureSpace(long blocks, long keep) throws FsException {
        if (spareBlocks() - blocks < keep && alloc.pendingFrees() > 0) {
            commit(false);
        }
        if (spareBlocks() - blocks < keep) {
            throw new FsException(FsError.NO_SPACE, "volume is full (" + alloc.free() + " blocks free)");
        }
    }

    void commit(boolean clean) throws FsException {
        if (!changed() && clean == sb.clean() && !forceCommit) {
            disk.flush();
            lastCommit = clock.instant();
            return;
        }
        try {
            writeCommit(clean);
        } catch (FsException e) {
            throw disk.fail(e); // fail-stop: a half-done commit leaves memory and disk apart
        }
    }

    private void writeCommit(boolean clean) throws FsException {
        for (Inode i : dirtyInodes.values()) {
            tree.put(Key.of(i.id(), ItemType.INODE, 0), i.encode());
        }
        dirtyInodes.clear();
        long seq = sb.seq() + 1;
        List<Node> nodes = tree.dirtyNodes();
        writeNodes(nodes, seq);
        writeBitmap(seq);
        disk.flush();
        Superblock next = sb.withCommit(seq, tree.root().block, nextInode, alloc.committedUsed(),
                inodeCount, clean);
        disk.write(next.slot(), next.encode().clear());
        disk.flush();
        sb = next;
        tree.markClean(nodes);
        for (Extent e : alloc.commitFrees()) {
            if (!readOnly) {
                disk.declareFree(e.start(), e.length());
            }
        }
        lastCommit = clock.instant();
        forceCommit = false;
    }

    private void writeNodes(List<Node> nodes, long seq) throws FsException {
        int bs = disk.blockSize;
        int done = 0;
        while (done < nodes.size()) {
            Extent e = alloc.allocate(nodes.size() - done, -1, true);
            for (int i = 0; i < e.length(); i++) {
                nodes.get(done + i).block = e.start() + i;
            }
            ByteBuffer run = ByteBuffer.allocate((int) e.length() * bs);
            for (int i = 0; i < e.length(); i++) {
                Node n = nodes.get(done + i);
                BTree.linkChildren(n);
                NodeCodec.encode(n, n.block, seq, run.slice(i * bs, bs));
            }
            disk.write(e.start(), run);
            done += (int) e.length();
        }
    }

    private void writeBitmap(long seq) throws FsException {
        int bs = disk.blockSize;
        BitSet todo = alloc.blocksToWrite();
        for (int s = todo.nextSetBit(0); s >= 0 && s < sb.bitmapBlocks(); ) {
            int e = (int) Math.min(todo.nextClearBit(s), sb.bitmapBlocks());
            ByteBuffer run = ByteBuffer.allocate((e - s) * bs);
            for (int i = s; i < e; i++) {
                ByteBuffer blk = run.slice((i - s) * bs, bs);
                alloc.encode(i, blk);
                BlockHeader.seal(blk, BlockHeader.BITMAP_MAGIC, sb.bitmapBlock(seq, i), seq);
            }
            disk.write(sb.bitmapBlock(seq, s), run);
            s = todo.nextSetBit(e);
        }
    }
}
