package dev.haven.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileTableTest {
    private static final FileKey FILE = new FileKey(1, 1);

    /** A counter as per-file state: empty (and dropped) at zero. */
    private static final class Counter {
        int value;
    }

    private final FileTable<Counter> table = new FileTable<>(k -> new Counter(), c -> c.value == 0);

    @Test
    void stateIsCreatedOnDemandAndDroppedWhenEmpty() {
        assertEquals(1, (int) table.withFile(FILE, c -> ++c.value));
        assertEquals(1, table.size());
        assertEquals(0, (int) table.withFile(FILE, c -> --c.value));
        assertEquals(0, table.size());
    }

    @Test
    void withExistingDoesNotCreateState() {
        assertEquals(-1, (int) table.withExisting(FILE, c -> c.value, -1));
        assertEquals(0, table.size());
    }

    @Test
    void stateThatThrowsStillRetiresWhenEmpty() {
        try {
            table.withFile(FILE, c -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the action failed; the empty state it created must not linger
        }
        assertEquals(0, table.size());
    }

    @Test
    void racingCreateAndRetireLoseNoUpdate() throws Exception {
        AtomicInteger balance = new AtomicInteger();
        Concurrently.run(8, thread -> {
            for (int i = 0; i < 5_000; i++) {
                // Up then down: the slot is retired and re-created all the time under contention.
                table.withFile(FILE, c -> ++c.value);
                balance.incrementAndGet();
                table.withFile(FILE, c -> --c.value);
                balance.decrementAndGet();
            }
        });
        assertEquals(0, balance.get());
        assertEquals(0, table.size());
        assertEquals(-1, (int) table.withExisting(FILE, c -> c.value, -1));
    }
}
