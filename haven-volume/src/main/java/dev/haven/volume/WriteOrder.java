package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
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
     *   <li>save volume flush, then the buffered records with one log flush: every mapping
     *       becomes durable after the saved data it points at;
     *   <li>held new data written in place, data flush: after its old copy is durable;
     *   <li>restore marks and cursor logged (they cover data made durable in step 2), then data
     *       held behind marks written in place and flushed;
     *   <li>a checkpoint when the log half is filling up.
     * </ol>
     */
    void flush() throws IOException {
        if (log.hasBuffered() || !held.isEmpty(HeldWrites.Stage.AFTER_META)) {
            save.flush();
            log.commit();
        }
        space.commitReleases();
        held.drain(HeldWrites.Stage.AFTER_META, data);
        data.flush();
        flushRestoreProgress();
        if (log.usedBlocks() > log.header().halfBlocks() / 2) {
            log.checkpoint(state.toRecords());
        }
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
            held.drain(HeldWrites.Stage.AFTER_MARK, data);
            data.flush();
        }
    }
}
