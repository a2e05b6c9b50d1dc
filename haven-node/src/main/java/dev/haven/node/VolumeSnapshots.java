package dev.haven.node;

import dev.haven.block.BlockDevice;
import dev.haven.files.snapshot.SnapshotPoint;
import dev.haven.files.snapshot.SnapshotSource;
import dev.haven.volume.SnapshotKind;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.util.List;

/**
 * A file system's read-only snapshots as the file service's previous versions: writable
 * snapshots are not points in the past, so they are left out.
 */
record VolumeSnapshots(Volume volume) implements SnapshotSource {
    @Override
    public List<SnapshotPoint> readOnlySnapshots() {
        return volume.snapshots().stream().filter(s -> s.kind() == SnapshotKind.READ_ONLY)
                .map(s -> new SnapshotPoint(s.name(), s.created())).toList();
    }

    @Override
    public BlockDevice view(String name) throws IOException {
        return volume.view(name);
    }
}
