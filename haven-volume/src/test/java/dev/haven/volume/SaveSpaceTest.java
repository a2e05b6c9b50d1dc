package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Save-volume allocation: lowest block first, releases reusable only once committed, derived free list. */
class SaveSpaceTest {

    @Test
    void rebuildFindsTheGapsBetweenHeldBlocksAndHandsOutTheLowestFirst() throws IOException {
        SaveSpace s = new SaveSpace(100, "save");
        s.rebuild(new TreeSet<>(java.util.List.of(1L, 2L, 5L, 50L)));
        assertEquals(4, s.used());
        assertEquals(0, s.allocate());
        assertEquals(3, s.allocate());
        assertEquals(4, s.allocate());
        assertEquals(6, s.allocate());
    }

    @Test
    void releasedBlocksAreReusedOnlyAfterTheReleaseIsCommitted() throws IOException {
        SaveSpace s = new SaveSpace(100, "save");
        s.rebuild(new TreeSet<>());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, s.allocate());
        }
        s.release(3);
        s.release(4);
        s.release(2);
        assertEquals(10, s.allocate(), "not yet durable: not reused");
        s.commitReleases();
        assertEquals(2, s.allocate());
        assertEquals(3, s.allocate());
        assertEquals(4, s.allocate());
        assertEquals(11, s.allocate());
        assertEquals(12, s.used());
    }

    @Test
    void aFullSaveVolumeIsAClearError() throws IOException {
        SaveSpace s = new SaveSpace(2, "/v/save.blocks");
        s.rebuild(new TreeSet<>());
        s.allocate();
        s.allocate();
        IOException e = assertThrows(IOException.class, s::allocate);
        assertTrue(e.getMessage().contains("/v/save.blocks") && e.getMessage().contains("full"), e.getMessage());
    }
}
