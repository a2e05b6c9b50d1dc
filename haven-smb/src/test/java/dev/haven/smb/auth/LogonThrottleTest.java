package dev.haven.smb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import dev.haven.testkit.ManualClock;

/** Throttling of wrong passwords, driven by a manual clock. */
class LogonThrottleTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T05:00:00Z"));
    private final LogonThrottle throttle = new LogonThrottle(clock);

    @Test
    void firstFailuresAreFree() {
        for (int i = 0; i < LogonThrottle.FREE_FAILURES - 1; i++) {
            throttle.recordFailure("10.0.0.1", "alice");
            assertEquals(Duration.ZERO, throttle.delayFor("10.0.0.1", "alice"));
        }
    }

    @Test
    void delayDoublesAfterTheFreeFailuresAndIsCapped() {
        fail(LogonThrottle.FREE_FAILURES, "10.0.0.1", "alice");
        assertEquals(Duration.ofMillis(250), throttle.delayFor("10.0.0.1", "alice"));
        fail(1, "10.0.0.1", "alice");
        assertEquals(Duration.ofMillis(500), throttle.delayFor("10.0.0.1", "alice"));
        fail(1, "10.0.0.1", "alice");
        assertEquals(Duration.ofSeconds(1), throttle.delayFor("10.0.0.1", "alice"));
        fail(50, "10.0.0.1", "alice");
        assertEquals(LogonThrottle.MAX_DELAY, throttle.delayFor("10.0.0.1", "alice"));
    }

    @Test
    void throttlesByAddressAcrossUsersAndByUserAcrossAddresses() {
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++) {
            throttle.recordFailure("10.0.0.1", "user" + i);
        }
        assertEquals(Duration.ofMillis(250), throttle.delayFor("10.0.0.1", "someone-new"));
        assertEquals(Duration.ZERO, throttle.delayFor("10.0.0.2", "someone-new"));
        for (int i = 0; i < LogonThrottle.FREE_FAILURES; i++) {
            throttle.recordFailure("192.168.1." + i, "Bob");
        }
        assertEquals(Duration.ofMillis(250), throttle.delayFor("10.9.9.9", "BOB"));
    }

    @Test
    void emptyUserNamesShareNoCounter() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("10.0.0." + i, "");
            throttle.recordFailure("10.1.0." + i, null);
        }
        assertEquals(Duration.ZERO, throttle.delayFor("10.9.9.9", ""));
        assertEquals(Duration.ZERO, throttle.delayFor("10.9.9.9", null));
        throttle.recordSuccess(null, null);
        assertEquals(40, throttle.trackedKeys());
    }

    @Test
    void failuresExpireAfterAQuietMinute() {
        fail(LogonThrottle.FREE_FAILURES + 3, "10.0.0.1", "alice");
        clock.advance(LogonThrottle.WINDOW.minusSeconds(1));
        assertEquals(Duration.ofSeconds(2), throttle.delayFor("10.0.0.1", "alice"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.delayFor("10.0.0.1", "alice"));
        throttle.recordFailure("10.0.0.1", "alice");
        assertEquals(Duration.ZERO, throttle.delayFor("10.0.0.1", "alice"));
    }

    @Test
    void successResetsBothCounters() {
        fail(LogonThrottle.FREE_FAILURES + 2, "10.0.0.1", "alice");
        throttle.recordSuccess("10.0.0.1", "ALICE");
        assertEquals(Duration.ZERO, throttle.delayFor("10.0.0.1", "alice"));
        assertEquals(0, throttle.trackedKeys());
    }

    @Test
    void expiredEntriesArePurgedWhenManyAreTracked() {
        for (int i = 0; i < 6_000; i++) {
            throttle.recordFailure("10.1." + (i / 256) + "." + (i % 256), "u" + i);
        }
        clock.advance(LogonThrottle.WINDOW.plusSeconds(10));
        throttle.recordFailure("10.2.0.1", "fresh");
        assertEquals(2, throttle.trackedKeys());
    }

    private void fail(int times, String address, String user) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(address, user);
        }
    }
}
