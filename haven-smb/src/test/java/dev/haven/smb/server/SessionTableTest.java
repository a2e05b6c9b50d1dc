package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The global session table: SessionIds, expiry times, and channels lost concurrently. */
class SessionTableTest {
    private final ServerContext server = TestServers.context();

    private Connection connection() {
        return new Connection(server, "192.0.2.3", new RecordingOutput());
    }

    /** Returns the scripted longs, so that a test can make SessionIds collide. */
    private static final class ScriptedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient Queue<Long> next;

        ScriptedRandom(Long... values) {
            next = new ArrayDeque<>(List.of(values));
        }

        @Override
        public long nextLong() {
            return next.remove();
        }
    }

    @Test
    void skipsZeroAndIdsInUse() {
        SessionTable table = new SessionTable();
        SecureRandom random = new ScriptedRandom(0L, 5L, 5L, 0x7FFF_0000_0000_0007L);
        Session a = table.create(connection(), random);
        Session b = table.create(connection(), random);
        assertEquals(5, a.sessionId());
        assertEquals(7, b.sessionId(), "the id is masked to 48 bits and a used one is skipped");
        assertSame(a, table.get(5));
    }

    @Test
    void sessionsExpireOnlyWithALifetime() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertNull(new SessionTable().expirationFrom(now));
        assertEquals(now.plusSeconds(60), new SessionTable(Duration.ofSeconds(60)).expirationFrom(now));
    }

    @Test
    void concurrentLossOfBothChannelsEndsTheSessionExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                SessionTable table = server.sessions();
                Connection first = connection();
                Connection second = connection();
                Session s = table.create(first, server.random());
                s.moveTo(SessionState.VALID);
                assertNotSame(null, s.addChannel(second));
                CountDownLatch start = new CountDownLatch(1);
                Future<?> a = pool.submit(() -> awaitThen(start, () -> table.connectionClosed(first, server)));
                Future<?> b = pool.submit(() -> awaitThen(start, () -> table.connectionClosed(second, server)));
                start.countDown();
                a.get();
                b.get();
                assertEquals(SessionState.CLOSED, s.state(), "round " + round);
                assertNull(table.get(s.sessionId()), "round " + round);
                assertEquals(0, s.channelCount());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitThen(CountDownLatch start, Runnable action) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        action.run();
    }
}
