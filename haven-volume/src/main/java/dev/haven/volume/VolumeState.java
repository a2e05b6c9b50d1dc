package dev.haven.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongConsumer;

/**
 * A volume's metadata in memory, changed only by {@link #apply} so that the live path and log
 * replay cannot disagree.
 *
 * <p>The lookup that keeps snapshot reads independent of the number of snapshots: read-only
 * snapshots are numbered in creation order (their id), and the content of block {@code b} at
 * snapshot {@code i} is the copy saved by the first snapshot {@code j >= i} that saved {@code b},
 * else current production. {@link #index} maps {@code (block, seq)} to the save block, so that is
 * one ceiling lookup ({@link BlockIndex}: a hash lookup, whatever the number of snapshots).
 */
final class VolumeState {
    /** Save "block" meaning: the saved content was all zeros, no space used. */
    static final long ZERO = -1;

    /** A running restore as the metadata says. Marks are blocks at or above the cursor already done. */
    static final class RestoreStatus {
        final long sourceId;
        final long preId;
        volatile long cursor;
        final ConcurrentSkipListSet<Long> marks = new ConcurrentSkipListSet<>();
        volatile RestoreState lifecycle = RestoreState.RUNNING;

        RestoreStatus(long sourceId, long preId, long cursor) {
            this.sourceId = sourceId;
            this.preId = preId;
            this.cursor = cursor;
        }

        boolean done(long block) {
            return block < cursor || marks.contains(block);
        }
    }

    final long blockCount;
    volatile long nextId = 1;
    final Map<Long, Snapshot> byId = new ConcurrentHashMap<>();
    final Map<String, Snapshot> byName = new ConcurrentHashMap<>();
    final ConcurrentSkipListSet<Long> liveRo = new ConcurrentSkipListSet<>();
    final BlockIndex index = new BlockIndex();
    final FreeMap free = new FreeMap();
    volatile RestoreStatus restore;

    VolumeState(long blockCount) {
        this.blockCount = blockCount;
    }

    /** Applies one record; save blocks it gives up go to {@code released}. */
    void apply(Record r, LongConsumer released) {
        switch (r) {
            case Record.NextId n -> nextId = Math.max(nextId, n.nextId());
            case Record.Snap s -> add(new Snapshot(s.id(), s.name(), SnapshotKind.READ_ONLY, -1, s.createdMillis()));
            case Record.Writable w -> add(new Snapshot(w.id(), w.name(), SnapshotKind.WRITABLE, w.baseId(),
                    w.createdMillis()));
            case Record.Map m -> {
                index.put(m.block(), m.seq(), m.save());
                require(m.seq()).blocks.put(m.block(), m.save());
            }
            case Record.WMap w -> require(w.id()).blocks.put(w.block(), w.save());
            case Record.Delete d -> delete(require(d.id()), released);
            case Record.Refresh f -> {
                Snapshot s = require(f.id());
                s.blocks.values().forEach(released::accept);
                s.blocks.clear();
                s.baseId = f.baseId();
            }
            case Record.Free f -> free.declare(f.start(), f.count(), f.epoch());
            case Record.Unfree u -> free.use(u.block());
            case Record.RestoreStart s -> {
                // Production becomes another image: what was free in the old one says nothing
                // about the new one, so every block counts as in use (conservative: more copying).
                free.clear();
                restore = new RestoreStatus(s.sourceId(), s.preId(), s.cursor());
            }
            case Record.RestoreMark m -> restore.marks.add(m.block());
            case Record.RestoreCursor c -> {
                restore.cursor = c.cursor();
                restore.marks.headSet(c.cursor()).clear();
            }
            case Record.RestoreDone d -> {
                restore.lifecycle = restore.lifecycle.moveTo(RestoreState.COMPLETE);
                restore = null;
            }
        }
    }

    private void add(Snapshot s) {
        byId.put(s.id, s);
        byName.put(s.name, s);
        if (s.readOnly()) {
            liveRo.add(s.id);
        }
        nextId = Math.max(nextId, s.id + 1);
    }

    /**
     * Deleting read-only snapshot {@code i}: each entry is re-keyed to the next-older live
     * snapshot if that one has no entry of its own for the block (it was reading this copy
     * through the ceiling lookup), else freed.
     */
    private void delete(Snapshot s, LongConsumer released) {
        byId.remove(s.id);
        byName.remove(s.name);
        s.moveTo(SnapshotState.DELETED);
        if (!s.readOnly()) {
            s.blocks.values().forEach(released::accept);
            return;
        }
        liveRo.remove(s.id);
        Long older = liveRo.lower(s.id);
        Snapshot heir = older == null ? null : byId.get(older);
        for (Map.Entry<Long, Long> e : s.blocks.entrySet()) {
            long b = e.getKey();
            index.remove(b, s.id);
            if (heir != null && !heir.blocks.containsKey(b)) {
                index.put(b, heir.id, e.getValue());
                heir.blocks.put(b, e.getValue());
            } else if (e.getValue() != ZERO) {
                released.accept(e.getValue());
            }
        }
    }

    Snapshot require(long id) {
        Snapshot s = byId.get(id);
        if (s == null) {
            throw new IllegalStateException("metadata names snapshot id " + id + ", which does not exist");
        }
        return s;
    }

    /** The newest live read-only snapshot, or -1. */
    long latestRo() {
        Long l = liveRo.isEmpty() ? null : liveRo.last();
        return l == null ? -1 : l;
    }

    /** Newest seq that saved {@code block}, or -1. */
    long newestEntry(long block) {
        return index.newest(block);
    }

    /** Every save block a live mapping holds (for rebuilding the free list and leak checks). */
    NavigableSet<Long> heldSaveBlocks() {
        TreeSet<Long> held = new TreeSet<>();
        for (Snapshot s : byId.values()) {
            for (long v : s.blocks.values()) {
                if (v != ZERO && !held.add(v)) {
                    throw new IllegalStateException("save block " + v + " is held twice");
                }
            }
        }
        return held;
    }

    /** Writable snapshots based on read-only snapshot {@code id}, by name. */
    List<String> dependents(long id) {
        return byId.values().stream().filter(s -> !s.readOnly() && s.baseId == id).map(s -> s.name).sorted().toList();
    }

    /** The whole state as records, for a checkpoint. */
    List<Record> toRecords() {
        List<Record> out = new ArrayList<>();
        out.add(new Record.NextId(nextId));
        List<Snapshot> all = byId.values().stream().sorted(Comparator.comparingLong(s -> s.id)).toList();
        for (Snapshot s : all) {
            if (s.readOnly()) {
                out.add(new Record.Snap(s.id, s.createdMillis, s.name));
            }
        }
        for (Snapshot s : all) {
            if (!s.readOnly()) {
                out.add(new Record.Writable(s.id, s.baseId, s.createdMillis, s.name));
            }
        }
        for (Snapshot s : all) {
            s.blocks.forEach((b, v) -> out.add(s.readOnly() ? new Record.Map(s.id, b, v) : new Record.WMap(s.id, b, v)));
        }
        RestoreStatus rs = restore;
        if (rs != null) {
            out.add(new Record.RestoreStart(rs.sourceId, rs.preId, rs.cursor));
            rs.marks.forEach(m -> out.add(new Record.RestoreMark(m)));
        }
        for (FreeMap.Range r : free.ranges()) { // after RestoreStart, which clears the free map
            out.add(new Record.Free(r.start(), r.end() - r.start(), r.epoch()));
        }
        return out;
    }
}
