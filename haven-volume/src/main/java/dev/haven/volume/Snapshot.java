package dev.haven.volume;

import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One snapshot's metadata: its block map (block to save block; the key set is its bitmap of saved
 * or written blocks). For a read-only snapshot the map holds old production content it saved;
 * for a writable one, its new data.
 */
final class Snapshot {
    final long id;
    final String name;
    final SnapshotKind kind;
    final long createdMillis;
    final ConcurrentSkipListMap<Long, Long> blocks = new ConcurrentSkipListMap<>();
    volatile long baseId;
    private volatile SnapshotState state = SnapshotState.ACTIVE;

    Snapshot(long id, String name, SnapshotKind kind, long baseId, long createdMillis) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.baseId = baseId;
        this.createdMillis = createdMillis;
    }

    SnapshotState state() {
        return state;
    }

    void moveTo(SnapshotState to) {
        state = state.moveTo(to);
    }

    boolean readOnly() {
        return kind == SnapshotKind.READ_ONLY;
    }
}
