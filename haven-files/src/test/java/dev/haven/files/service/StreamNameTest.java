package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import org.junit.jupiter.api.Test;

/** [MS-FSCC] 2.1.4 stream naming rules. */
class StreamNameTest {
    @Test
    void splitsBaseStreamAndType() {
        assertEquals(new StreamName("f.txt", null), StreamName.split("f.txt"));
        assertEquals(new StreamName("f.txt", "s"), StreamName.split("f.txt:s"));
        assertEquals(new StreamName("f.txt", "s"), StreamName.split("f.txt:s:$DATA"));
        assertEquals(new StreamName("f.txt", "Stream One"), StreamName.split("f.txt:Stream One:$DaTa"));
        assertEquals(new StreamName("f.txt", ""), StreamName.split("f.txt::$DATA"));
        assertEquals(new StreamName("f", "\u0005Stream\n One"), StreamName.split("f:\u0005Stream\n One"));
        assertEquals(new StreamName("f", "?Stream*"), StreamName.split("f:?Stream*:$DATA"));
    }

    @Test
    void rejectsBadStreamParts() {
        for (String bad : new String[] {"f:", "f:s:", "f:s:$FOO", "f:s:$DATA:x", "f::", "f:a/b", "f:a\\b",
                "f:" + "x".repeat(256)}) {
            FileServiceException e = assertThrows(FileServiceException.class, () -> StreamName.split(bad), bad);
            assertEquals(FileServiceError.NAME_INVALID, e.error(), bad);
        }
    }
}
