package dev.haven.files.snapshot;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.util.List;

/** Where a share's snapshots come from (in Haven: its volume's read-only snapshots). */
public interface SnapshotSource {
    /** The read-only snapshots that exist now, in any order. */
    List<SnapshotPoint> readOnlySnapshots() throws IOException;

    /** A read-only block device showing snapshot {@code name}; the caller closes it. */
    BlockDevice view(String name) throws IOException;
}
