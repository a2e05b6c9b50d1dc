package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static final long TOTAL = 160_000;

    private final boolean[] rewritesCopy = {false};
    private final Allocator alloc = new Allocator(TOTAL, 4096, () -> rewritesCopy[0]);
    private final long dataStart = TOTAL / 16;

    AllocatorTest() {
        alloc.setCursors(0);
    }

    private Extent data(long want) throws FsException {
        return alloc.allocate(want, -1, false);
    }

    private void freeAndCommit(Extent e) {
        alloc.free(e.start(), e.length());
        alloc.commitFrees();
    }

    @Test
    void freedDataBlocksAreUsedAgainBeforeFreshOnes() throws FsException {
        Extent first = data(1000);
        Extent second = data(1000);
        assertEquals(dataStart, first.start());
        assertEquals(first.end(), second.start());
        alloc.free(first.start(), first.length());
        assertEquals(second.end(), data(1000).start(), "a free is not allocatable before its commit");
        alloc.commitFrees();
        assertEquals(first.start(), data(1000).start(), "the lowest freed run comes first");
    }

    @Test
    void shortFreedRunsAreSkippedForALongEnoughOne() throws FsException {
        Extent small = data(10);
        Extent big = data(1000);
        freeAndCommit(small);
        assertEquals(big.end(), data(1000).start(), "10 free blocks are too few for a 1000-block write");
        assertEquals(small.start(), data(5).start(), "but enough for 5");
    }

    @Test
    void whileRewritesCopyDataGoesOnIntoBlocksNotFreedRecently() throws FsException {
        Extent first = data(1000);
        Extent second = data(1000);
        freeAndCommit(first);
        rewritesCopy[0] = true;
        assertEquals(second.end(), data(1000).start(), "a snapshot would need first's blocks saved");
        rewritesCopy[0] = false;
        assertEquals(first.start(), data(1000).start());
    }
}
