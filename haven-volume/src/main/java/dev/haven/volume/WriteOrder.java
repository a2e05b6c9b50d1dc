package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The order in which a flush makes things durable (docs/format/volume.md, "Write ordering"):
 * saved data before the mappings that point at it, mappings before the in-place overwrites
 * they protect, restore marks before the user data they let through.
 */
final class WriteOrder {
    private final BlockDevice data;
    private final BlockDevice save;
    private final MetaLog log;
    private final VolumeState state;
    private final SaveSpace space;
    private final HeldWrites held;
    /** Blocks written by the user during a restore, to log as marks at the next flush. */
    private final ConcurrentLinkedQueue<Long> marksToLog = new ConcurrentLinkedQueue<>();
    /** The restore whose cursor {@link #loggedCursor} is, and the cursor the log holds for it. */
    private VolumeState.RestoreStatus loggedFor;
    private long loggedCursor;
    /** Where tests step in during a flush (to write while it runs); no-op otherwise. */
    volatile FlushObserver observer = p -> { };

    /** The points of {@link #flushData()} a test can act at. */
    enum FlushPoint { TAKEN, SAVE_FLUSHED, COMMITTED, DRAINED }

    /** A test's hook into {@link #flushData()}. */
    interface FlushObserver {
        void at(FlushPoint point) throws IOException;
    }

    WriteOrder(BlockDevice data, BlockDevice save, MetaLog log, VolumeState state, SaveSpace space, HeldWrites held) {
        this.data = data;
        this.save = save;
        this.log = log;
        this.state = state;
        this.space = space;
        this.held = held;
        // A restore replayed at open: the log holds its cursor.
        this.loggedFor = state.restore;
        this.loggedCursor = loggedFor == null ? 0 : loggedFor.cursor;
    }

    /** Block {@code b} was restored for a user write; the mark is logged after its restored data is durable. */
    void markRestored(long b) {
        marksToLog.add(b);
    }

    /**
     * The flush, the one place that orders writes (the caller holds the volume frozen):
     * <ol>
     *   <li>{@link #flushData()}: saved data, then the mappings, then the held new data in place;
     *   <li>restore marks and cursor logged (they cover data made durable in step 1), then data
     *       held behind marks written in place and flushed;
     *   <li>a checkpoint when the log half is filling up.
     * </ol>
     */
    void flush() throws IOException {
        flushData();
        flushRestoreProgress();
        if (checkpointDue()) {
            log.checkpoint(state.toRecords());
        }
    }

    /** True when the log half is over half full: the next frozen flush writes a checkpoint. */
    boolean checkpointDue() {
        return log.usedBlocks() > log.header().halfBlocks() / 2;
    }

    /**
     * Makes durable everything written before the call, in the safe order; writers may run
     * meanwhile (the caller serialises flushes but need not freeze the volume):
     * <ol>
     *   <li>take the save blocks released so far, then the held data, then the buffered records,
     *       in that order: each release and each held block follows the append of its record,
     *       so all of theirs are in this batch or an earlier, durable one;
     *   <li>save volume flush, then the batch with one log flush: every mapping becomes durable
     *       after the saved data it points at (the data was written before the record was
     *       appended, so before the batch was taken, so before this flush);
     *   <li>the released save blocks become reusable;
     *   <li>the taken held data written in place, data flush.
     * </ol>
     * Anything written after step 1 is left for the next flush. A checkpoint is not taken here:
     * it writes the whole state, which includes records not yet committed, so it needs the volume
     * frozen ({@link #flush()}).
     */
    void flushData() throws IOException {
        List<byte[]> recyclable = held.retiredSoFar(); // no flush runs that captured them: reusable at our end
        List<Long> releases = space.takeReleased();
        Map<Long, byte[]> taken = held.capture(HeldWrites.Stage.AFTER_META);
        observer.at(FlushPoint.TAKEN);
        List<byte[]> batch = log.takeBuffered();
        if (!batch.isEmpty() || !taken.isEmpty()) {
            save.flush();
            observer.at(FlushPoint.SAVE_FLUSHED);
            log.commit(batch);
            observer.at(FlushPoint.COMMITTED);
        }
        space.commitReleases(releases);
        held.drain(HeldWrites.Stage.AFTER_META, taken, data);
        observer.at(FlushPoint.DRAINED);
        data.flush();
        held.reuse(recyclable);
    }

    private void flushRestoreProgress() throws IOException {
        VolumeState.RestoreStatus rs = state.restore;
        if (rs == null) {
            return;
        }
        if (rs != loggedFor) {
            // First flush of a restore started in this session: its RestoreStart, made durable
            // in step 1 of this flush, holds cursor 0.
            loggedFor = rs;
            loggedCursor = 0;
        }
        boolean changed = false;
        for (Long m = marksToLog.poll(); m != null; m = marksToLog.poll()) {
            log.append(new Record.RestoreMark(m));
            changed = true;
        }
        long cursor = rs.cursor;
        if (cursor != loggedCursor) {
            Record c = new Record.RestoreCursor(cursor);
            log.append(c);
            state.apply(c, x -> { });
            loggedCursor = cursor;
            changed = true;
        }
        if (cursor >= state.blockCount) {
            Record done = new Record.RestoreDone();
            log.append(done);
            state.apply(done, x -> { });
            changed = true;
        }
        if (changed) {
            log.commit();
        }
        if (!held.isEmpty(HeldWrites.Stage.AFTER_MARK)) {
            held.drain(HeldWrites.Stage.AFTER_MARK, held.capture(HeldWrites.Stage.AFTER_MARK), data);
            data.flush();
        }
    }
}
