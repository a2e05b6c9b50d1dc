package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.block.BlockSize;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A block volume with copy-on-first-write read-only snapshots, writable snapshots, refresh and
 * online restore. A volume is three devices of one {@link VolumeStore}: {@code data}
 * (production), {@code save} (the save volume) and {@code meta} (the metadata log); with
 * {@link #create(Path, long, int)} they are sparse files in directory PATH
 * (docs/format/volume.md).
 *
 * <p>Snapshot create, writable create, refresh, restore start and delete are durable when they
 * return. Close order: stop the background restore (it sees the volume closed), flush, close
 * {@code data}, {@code save}, {@code meta}.
 */
public final class Volume implements AutoCloseable {
    static final String META = "meta";
    static final String DATA = "data";
    static final String SAVE = "save";
    /** Smallest volume block size. */
    public static final int MIN_BLOCK_SIZE = 4096;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final VolumeStore store;
    private final VolumeOptions options;
    private final Engine engine;
    private final BlockDevice metaDevice;
    private final ReentrantLock stepLock = new ReentrantLock();

    private Volume(VolumeStore store, VolumeOptions options, Engine engine, BlockDevice metaDevice) {
        this.store = store;
        this.options = options;
        this.engine = engine;
        this.metaDevice = metaDevice;
    }

    /** Creates a volume of {@code sizeBytes} in directory {@code path}, with default options. */
    public static Volume create(Path path, long sizeBytes, int blockSize) throws IOException {
        return create(new FileVolumeStore(path), sizeBytes, blockSize, VolumeOptions.defaults());
    }

    /** Opens the volume in directory {@code path}: crash recovery, then a pending restore resumes. */
    public static Volume open(Path path) throws IOException {
        return open(path, VolumeOptions.defaults());
    }

    /** Opens the volume in directory {@code path} with {@code options}. */
    public static Volume open(Path path, VolumeOptions options) throws IOException {
        FileVolumeStore store = new FileVolumeStore(path);
        if (!store.exists(META)) {
            throw new NoSuchFileException(path.toString(), null, "no volume here (" + store.describe(META)
                    + " not found)");
        }
        return open(store, options);
    }

    /** Creates a volume on {@code store}; the metadata is written last, so a crash leaves no half volume. */
    public static Volume create(VolumeStore store, long sizeBytes, int blockSize, VolumeOptions options)
            throws IOException {
        BlockSize.check(blockSize);
        if (blockSize < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size " + blockSize + " is below 4096 (allowed: 4K to 64K)");
        }
        if (sizeBytes <= 0 || sizeBytes % blockSize != 0) {
            throw new IllegalArgumentException("volume size " + sizeBytes + " is not a positive multiple of block size "
                    + blockSize);
        }
        if (store.exists(META)) {
            throw new FileAlreadyExistsException(store.describe(META));
        }
        long blocks = sizeBytes / blockSize;
        long saveBlocks = options.saveBlocksOrZero() > 0 ? options.saveBlocksOrZero() : blocks;
        // 128 bytes of log per save block: a checkpoint of every mapping (27 bytes each) and of the
        // most fragmented free map stays under a third of a half, so a commit (at most a quarter)
        // always fits after it.
        long half = 1024 + saveBlocks / 32;
        try (BlockDevice data = store.create(DATA, blockSize, blocks);
                BlockDevice save = store.create(SAVE, blockSize, saveBlocks)) {
            data.flush();
            save.flush();
        }
        try (BlockDevice meta = store.create(META, MetaLog.LOG_BLOCK, MetaLog.deviceBlocks(half))) {
            MetaLog.create(meta, store.describe(META),
                    new MetaLog.Header(blockSize, blocks, saveBlocks, half, 0, 0, 0));
        }
        return open(store, options);
    }

    /** Opens a volume on {@code store}. */
    public static Volume open(VolumeStore store, VolumeOptions options) throws IOException {
        String metaFile = store.describe(META);
        BlockDevice meta = store.open(META, MetaLog.LOG_BLOCK);
        BlockDevice data = null;
        BlockDevice save = null;
        try {
            MetaLog log = MetaLog.open(meta, metaFile);
            MetaLog.Header h = log.header();
            data = openChecked(store, DATA, h.blockSize(), h.blockCount());
            save = openChecked(store, SAVE, h.blockSize(), h.saveBlocks());
            VolumeState state = new VolumeState(h.blockCount());
            try {
                log.replay(r -> state.apply(r, x -> { }));
            } catch (IllegalStateException | NullPointerException e) {
                throw new VolumeCorruptException(metaFile, "inconsistent metadata: " + e.getMessage());
            }
            SaveSpace space = new SaveSpace(h.saveBlocks(), store.describe(SAVE));
            space.rebuild(state.heldSaveBlocks());
            // A fresh checkpoint after recovery: the torn tail can never be mistaken for new records.
            log.checkpoint(state.toRecords());
            Engine engine = new Engine(new TrackedDevice(data), new TrackedDevice(save), log, state, space,
                    options.maxHeldBytes());
            Volume v = new Volume(store, options, engine, meta);
            if (state.restore != null && options.restoreExecutorOrNull() != null) {
                Restore r = v.currentRestore();
                options.restoreExecutorOrNull().execute(r::runInBackground);
            }
            return v;
        } catch (IOException | RuntimeException e) {
            closeQuietly(data);
            closeQuietly(save);
            closeQuietly(meta);
            throw e;
        }
    }

    private static BlockDevice openChecked(VolumeStore store, String name, int blockSize, long blocks)
            throws IOException {
        BlockDevice d = store.open(name, blockSize);
        if (d.blockCount() != blocks) {
            long got = d.blockCount();
            d.close();
            throw new VolumeCorruptException(store.describe(name), "truncated or resized: " + got
                    + " blocks of " + blockSize + " bytes, the metadata says " + blocks);
        }
        return d;
    }

    private static void closeQuietly(BlockDevice d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException | RuntimeException e) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** Production as a block device (a new handle each call; closing it leaves the volume open). */
    public BlockDevice production() {
        return new ProductionDevice(engine, store.describe(DATA));
    }

    /** A snapshot as a block device: read-only views refuse writes, writable views keep them. */
    public BlockDevice view(String snapshotName) throws IOException {
        Snapshot s = find(snapshotName);
        return new SnapshotDevice(engine, s, store.describe(DATA) + "@" + s.name);
    }

    /**
     * Takes a read-only snapshot of production (flushing it first); a timestamped name when
     * null. Durable when it returns; writers are frozen only for the final commit.
     */
    public SnapshotInfo createSnapshot(String nameOrNull) throws IOException {
        return admin(() -> {
            Snapshot s = takeSnapshot(nameOrNull);
            engine.flushLocked();
            return info(s);
        });
    }

    /** Makes writable snapshot {@code name} on read-only snapshot {@code baseName}. */
    public SnapshotInfo createWritable(String baseName, String name) throws IOException {
        return admin(() -> {
            Snapshot base = find(baseName);
            requireReadOnly(base, "base a writable snapshot on");
            checkNewName(name);
            Record w = new Record.Writable(engine.state.nextId, base.id, options.clock().millis(), name);
            commit(w);
            return info(engine.state.byName.get(name));
        });
    }

    /**
     * Refresh: freeze the writable snapshot, drop its new data, re-base it on a fresh read-only
     * snapshot of production (or on {@code fromOrNull}), keep its name and id, thaw.
     */
    public void refresh(String writableName, String fromOrNull) throws IOException {
        admin(() -> {
            Snapshot w = find(writableName);
            if (w.readOnly()) {
                throw new IllegalArgumentException("snapshot " + w.name + " is read-only; only writable snapshots "
                        + "can be refreshed");
            }
            refuseIfRestoreSource(w, "refresh");
            Snapshot base;
            if (fromOrNull == null) {
                base = takeSnapshot(null);
            } else {
                base = find(fromOrNull);
                requireReadOnly(base, "refresh from");
            }
            w.moveTo(SnapshotState.FROZEN);
            try {
                commit(new Record.Refresh(w.id, base.id));
            } finally {
                w.moveTo(SnapshotState.ACTIVE);
            }
            return null;
        });
    }

    /**
     * Restores production from snapshot {@code fromName}: keeps a read-only snapshot of the
     * pre-restore state, records the restore and returns at once; production reads not-yet-copied
     * blocks from the source. The copy runs on the options' executor, or by {@link Restore#step}.
     */
    public Restore restore(String fromName) throws IOException {
        Restore r = admin(() -> {
            Snapshot src = find(fromName);
            refuseDuringRestore("start another restore");
            // One commit for the pre-restore snapshot and the restore: both or neither survive a crash.
            Snapshot pre = takeSnapshot(uniqueName("pre-restore-"));
            commit(new Record.RestoreStart(src.id, pre.id, 0));
            return new Restore(engine, src.name, stepLock, engine.state.restore);
        });
        if (options.restoreExecutorOrNull() != null) {
            options.restoreExecutorOrNull().execute(r::runInBackground);
        }
        return r;
    }

    /** The running restore, or null. */
    public Restore currentRestore() {
        VolumeState.RestoreStatus rs = engine.state.restore;
        return rs == null ? null : new Restore(engine, engine.state.require(rs.sourceId).name, stepLock, rs);
    }

    /** Deletes a snapshot and gives its save-volume blocks back (refused while writable snapshots depend on it). */
    public void delete(String name) throws IOException {
        admin(() -> {
            Snapshot s = find(name);
            if (s.readOnly()) {
                List<String> deps = engine.state.dependents(s.id);
                if (!deps.isEmpty()) {
                    throw new IllegalStateException("snapshot " + s.name + " has writable snapshots based on it: "
                            + String.join(", ", deps) + "; delete them or refresh them onto another snapshot first");
                }
            }
            refuseIfRestoreSource(s, "delete");
            commit(new Record.Delete(s.id));
            return null;
        });
    }

    /** Every snapshot, oldest first. */
    public List<SnapshotInfo> snapshots() {
        return engine.state.byId.values().stream().sorted(Comparator.comparingLong(s -> s.id)).map(this::info).toList();
    }

    /** Size and use. */
    public VolumeInfo info() {
        VolumeState st = engine.state;
        Restore r = currentRestore();
        return new VolumeInfo(st.blockCount * engine.blockSize, engine.blockSize, st.blockCount,
                st.blockCount - st.free.freeBlocks(), st.byId.size(), engine.space.used(), engine.space.capacity(),
                r == null ? null : r.progress());
    }

    /** Flushes production and every writable snapshot. */
    public void flush() throws IOException {
        engine.flush();
    }

    /** Flushes and closes the devices; a running background restore stops and resumes at the next open. */
    @Override
    public void close() throws IOException {
        engine.admin.writeLock().lock();
        try {
            if (engine.isOpen()) {
                try {
                    engine.flushLocked();
                } catch (IOException e) {
                    engine.fail(e);
                }
            }
            engine.markClosed();
        } catch (IllegalStateException alreadyClosed) {
            return;
        } finally {
            engine.admin.writeLock().unlock();
        }
        closeQuietly(engine.data);
        closeQuietly(engine.save);
        closeQuietly(metaDevice);
    }

    // ---- internals

    /** Save blocks held by live mappings, checked for sharing (tests use it to look for leaks). */
    long heldSaveBlocks() {
        return engine.state.heldSaveBlocks().size();
    }

    Engine engine() {
        return engine;
    }

    /** Save blocks the allocator counts as used. */
    long allocatedSaveBlocks() {
        return engine.space.used();
    }

    private interface AdminCall<T> {
        T run() throws IOException;
    }

    /**
     * Runs an admin operation frozen (write side of the admin lock); an I/O failure fails the
     * volume. Two phases: a flush with writers still running makes what was written so far
     * durable, then the frozen part flushes only what was written meanwhile and commits the
     * operation's records, so writers stall for one short commit, not for a whole flush
     * (SnapshotStallBench). The frozen part alone decides the point in time.
     */
    private <T> T admin(AdminCall<T> call) throws IOException {
        try {
            engine.flush();
        } catch (IllegalStateException e) {
            throw new VolumeStateException(e.getMessage()); // closed: refused as the frozen part would
        }
        engine.admin.writeLock().lock();
        try {
            engine.ensureOpen();
            return call.run();
        } catch (VolumeStateException | NoSuchSnapshotException e) {
            throw e; // a refusal, not an I/O failure: the volume stays usable
        } catch (IOException e) {
            throw engine.fail(e);
        } catch (IllegalStateException e) {
            throw new VolumeStateException(e.getMessage());
        } finally {
            engine.admin.writeLock().unlock();
        }
    }

    /**
     * Flushes production (the snapshot is production as of now, so everything written before
     * must be durable first), then logs and applies the snapshot record; the caller commits it,
     * possibly together with the records of the operation it is part of.
     */
    private Snapshot takeSnapshot(String nameOrNull) throws IOException {
        String name = nameOrNull != null ? nameOrNull : uniqueName("snap-");
        checkNewName(name);
        engine.flushLocked();
        Record r = new Record.Snap(engine.state.nextId, options.clock().millis(), name);
        engine.log.append(r);
        engine.state.apply(r, engine.space::release);
        return engine.state.byName.get(name);
    }

    /** Logs and applies one record, then flushes so the change is durable when the call returns. */
    private void commit(Record r) throws IOException {
        engine.log.append(r);
        engine.state.apply(r, engine.space::release);
        engine.flushLocked();
    }

    private String uniqueName(String prefix) {
        String base = prefix + STAMP.format(options.clock().instant());
        String name = base;
        for (int i = 2; engine.state.byName.containsKey(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private void checkNewName(String name) {
        SnapshotInfo.checkName(name);
        if (engine.state.byName.containsKey(name)) {
            throw new IllegalStateException("a snapshot named " + name + " already exists");
        }
    }

    private Snapshot find(String name) throws IOException {
        Snapshot s = engine.state.byName.get(name);
        if (s == null) {
            throw new NoSuchSnapshotException(store.describe(META), name);
        }
        return s;
    }

    private static void requireReadOnly(Snapshot s, String what) {
        if (!s.readOnly()) {
            throw new IllegalArgumentException("cannot " + what + " " + s.name + ": it is a writable snapshot "
                    + "(use a read-only one)");
        }
    }

    private void refuseDuringRestore(String what) {
        VolumeState.RestoreStatus rs = engine.state.restore;
        if (rs != null) {
            throw new IllegalStateException("cannot " + what + " while a restore from "
                    + engine.state.require(rs.sourceId).name + " is running");
        }
    }

    private void refuseIfRestoreSource(Snapshot s, String what) {
        VolumeState.RestoreStatus rs = engine.state.restore;
        if (rs != null && rs.sourceId == s.id) {
            throw new IllegalStateException("cannot " + what + " " + s.name + ": a restore from it is running");
        }
    }

    private SnapshotInfo info(Snapshot s) {
        String base = s.readOnly() ? null : engine.state.byId.get(s.baseId).name;
        return new SnapshotInfo(s.name, s.kind, s.id, base, Instant.ofEpochMilli(s.createdMillis), s.blocks.size());
    }
}
