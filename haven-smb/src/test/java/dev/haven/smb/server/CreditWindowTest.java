package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditWindowTest {
    @Test
    void startsWithOnlyMessageIdZero() {
        CreditWindow w = new CreditWindow(16);
        assertFalse(w.consume(1, 1));
        assertTrue(w.consume(0, 1));
        assertFalse(w.consume(0, 1));
    }

    @Test
    void growsByGrantedCreditsAndAcceptsIdsOutOfOrder() {
        CreditWindow w = new CreditWindow(16);
        assertTrue(w.consume(0, 1));
        assertEquals(3, w.grant(3));
        assertFalse(w.consume(4, 1));
        assertTrue(w.consume(3, 1));
        assertTrue(w.consume(1, 1));
        assertFalse(w.consume(3, 1));
        assertTrue(w.consume(2, 1));
        assertEquals(0, w.available());
    }

    @Test
    void multiCreditRequestsConsumeConsecutiveIds() {
        CreditWindow w = new CreditWindow(64);
        w.consume(0, 1);
        w.grant(8);
        assertFalse(w.consume(6, 4)); // 6..9 reaches past the window (ids up to 8)
        assertTrue(w.consume(1, 4));
        assertFalse(w.consume(4, 2)); // 4 already used
        assertTrue(w.consume(5, 4));
        assertEquals(0, w.available());
    }

    @Test
    void neverGrantsBeyondTheMaximumButNeverLeavesTheClientWithout() {
        CreditWindow w = new CreditWindow(10);
        w.consume(0, 1);
        assertEquals(10, w.grant(100));
        assertEquals(0, w.grant(5));
        for (long id = 1; id <= 10; id++) {
            assertTrue(w.consume(id, 1));
        }
        assertEquals(1, w.grant(0)); // a client holding no credit always gets one
    }

    @Test
    void randomOrderOfGrantedIdsIsAlwaysAccepted() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        CreditWindow w = new CreditWindow(256);
        w.consume(0, 1);
        long next = 1;
        for (int round = 0; round < 200; round++) {
            int granted = w.grant(1 + random.nextInt(32));
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < granted; i++) {
                ids.add(next++);
            }
            Collections.shuffle(ids, random);
            for (long id : ids) {
                assertTrue(w.consume(id, 1), "seed " + seed + ": id " + id);
                assertFalse(w.consume(id, 1), "seed " + seed + ": id " + id + " reused");
            }
        }
    }

    @Test
    void aConnectionLetsAClientReach8192Credits() {
        // smbtorture smb2.credits asks for 8192 credits and fails with fewer (Samba's limit).
        CreditWindow w = new CreditWindow(Connection.MAX_CREDITS);
        w.consume(0, 1);
        assertEquals(8192, w.grant(8192));
    }
}
