package dev.haven.files.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.service.Open;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResumeKeysTest {
    private final CopyFixture fx;
    private final ResumeKeys keys;

    ResumeKeysTest() throws Exception {
        fx = new CopyFixture();
        keys = new ResumeKeys(fx.files, new byte[32], 1000);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static void assertNotFound(Runnable r) {
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class, r::run).error());
    }

    @Test
    void anOpenKeepsOneKeyThatResolvesToIt() {
        Open o = fx.open("a", CopyFixture.ALL);
        ResumeKey k = keys.keyOf(o, "alice");
        assertEquals(k, keys.keyOf(o, "alice"));
        assertEquals(ResumeKey.SIZE, k.bytes().length);
        assertSame(o, keys.resolve(ResumeKey.of(k.bytes()), "alice"));
        assertNotEquals(k, keys.keyOf(fx.open("b", CopyFixture.ALL), "alice"));
    }

    @Test
    void rejectsAnotherOwnerAForgedKeyAndAClosedOpen() {
        Open o = fx.open("a", CopyFixture.ALL);
        byte[] k = keys.keyOf(o, "alice").bytes();
        assertNotFound(() -> keys.resolve(ResumeKey.of(k), "mallory"));
        byte[] forged = k.clone();
        forged[23] ^= 1;
        assertNotFound(() -> keys.resolve(ResumeKey.of(forged), "alice"));
        byte[] otherSerial = k.clone();
        otherSerial[7] ^= 1;
        assertNotFound(() -> keys.resolve(ResumeKey.of(otherSerial), "alice"));
        assertNotFound(() -> keys.resolve(ResumeKey.of("deadbeefdeadbeefdeadbeef".getBytes()), "alice"));
        fx.files.close(o);
        assertNotFound(() -> keys.resolve(ResumeKey.of(k), "alice"));
        assertEquals(0, keys.size());
    }

    @Test
    void theSameOpenGetsAnotherTagUnderAnotherSecret() throws Exception {
        Open o = fx.open("a", CopyFixture.ALL);
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] k1 = keys.keyOf(o, "alice").bytes();
        byte[] k2 = new ResumeKeys(fx.files, other, 1000).keyOf(o, "alice").bytes();
        assertEquals(Arrays.toString(Arrays.copyOf(k1, 8)), Arrays.toString(Arrays.copyOf(k2, 8)));
        assertNotEquals(Arrays.toString(k1), Arrays.toString(k2));
        assertThrows(IllegalArgumentException.class, () -> new ResumeKeys(fx.files, new byte[16], 0));
        assertThrows(IllegalArgumentException.class, () -> ResumeKey.of(new byte[23]));
    }

    @Test
    void keysOfClosedOpensAreSweptAsTheTableGrows() {
        for (int i = 0; i < 3000; i++) {
            Open o = fx.open("f" + i, CopyFixture.ALL);
            keys.keyOf(o, "alice");
            fx.files.close(o);
        }
        assertEquals(true, keys.size() < 2100, "held " + keys.size());
    }
}
