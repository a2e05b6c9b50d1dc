package dev.haven.files.lease;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.ClientGuid;
import dev.haven.files.Concurrently;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads opening, breaking, acknowledging (from inside the listener, as a client that
 * answers at once) and closing, on their own files and on one shared file: no deadlock, every
 * wait ends, and no state is left behind.
 */
class LeaseManagerConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 300;

    @Test
    void manyThreadsBreakAndAcknowledgeWithoutDeadlock() throws Exception {
        LeaseManager[] self = new LeaseManager[1];
        BreakListener answerAtOnce = n -> {
            if (!n.ackRequired()) {
                return;
            }
            try {
                switch (n) {
                    case BreakNotification.OplockBreak o -> self[0].acknowledgeOplock(o.open(), o.to());
                    case BreakNotification.LeaseBreak l -> self[0].acknowledgeLease(l.client(), l.leaseKey(), l.to());
                }
            } catch (FileServiceException closedMeanwhile) {
                // The holder's last open closed on another thread before this answer: refused, as for a real client.
            }
        };
        // Timeouts never fire here: every break is answered, so an armed timer only gets cancelled.
        BreakScheduler never = (at, task) -> () -> { };
        self[0] = new LeaseManager(Clock.systemUTC(), never, answerAtOnce, Duration.ofSeconds(35));
        LeaseManager leases = self[0];
        FileKey shared = new FileKey(8, 0);
        Concurrently.run(THREADS, thread -> {
            ClientGuid client = new ClientGuid(new UUID(thread, 0));
            for (int i = 0; i < ROUNDS; i++) {
                FileKey own = new FileKey(thread, i % 5);
                FileKey file = i % 3 == 0 ? shared : own;
                LeaseKey key = new LeaseKey(thread, i);
                OpenId first = OpenId.random();
                leases.breakFor(file, OplockKey.of(client, key), BreakCause.OPEN).future().get(30, TimeUnit.SECONDS);
                leases.openWithLease(file, first, client, key, LeaseState.RWH, LeaseKey.ZERO, 0);
                OpenId second = OpenId.random();
                leases.breakFor(file, OplockKey.of(second), BreakCause.OPEN).future().get(30, TimeUnit.SECONDS);
                leases.openWithOplock(file, second, OplockLevel.BATCH);
                leases.breakFor(file, second, BreakCause.WRITE).future().get(30, TimeUnit.SECONDS);
                leases.close(second);
                leases.close(first);
            }
        });
        for (int t = 0; t < THREADS; t++) {
            assertTrue(leases.leaseOf(new ClientGuid(new UUID(t, 0)), new LeaseKey(t, ROUNDS - 1)).isEmpty());
        }
    }
}
