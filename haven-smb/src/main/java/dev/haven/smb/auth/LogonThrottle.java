package dev.haven.smb.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rate-limits wrong passwords per client address and per user name (compared case-insensitively).
 * Failures count while each follows the previous one within {@link #WINDOW}; from the
 * {@link #FREE_FAILURES}th on, every further attempt from that address or for that user is held
 * for {@link #BASE_DELAY} doubled per extra failure, capped at {@link #MAX_DELAY}. A success
 * resets both counters. A null or empty address or user name is not counted (an unknown name must
 * not put every anonymous attempt under one shared counter). Thread-safe; time comes from the
 * injected clock.
 * The caller applies the delay (without blocking an event loop) before answering the attempt.
 */
public final class LogonThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration BASE_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(4);
    /** Above this many tracked keys, expired entries are purged (at most once per PURGE_EVERY). */
    private static final int PURGE_THRESHOLD = 10_000;
    private static final Duration PURGE_EVERY = Duration.ofSeconds(5);

    private record Failures(int count, Instant last) {}

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastPurge;

    /** A throttle reading time from this clock. */
    public LogonThrottle(Clock clock) {
        this.clock = clock;
        this.lastPurge = new AtomicReference<>(clock.instant());
    }

    /** How long to hold the next attempt; Duration.ZERO when not throttled. */
    public Duration delayFor(String clientAddress, String userName) {
        Instant now = clock.instant();
        Duration a = delay(lookup(addressKey(clientAddress)), now);
        Duration u = delay(lookup(userKey(userName)), now);
        return a.compareTo(u) >= 0 ? a : u;
    }

    /** Records a failed logon. */
    public void recordFailure(String clientAddress, String userName) {
        Instant now = clock.instant();
        bump(addressKey(clientAddress), now);
        bump(userKey(userName), now);
        purgeIfLarge(now);
    }

    /** Records a successful logon, which resets both counters. */
    public void recordSuccess(String clientAddress, String userName) {
        for (String key : new String[] {addressKey(clientAddress), userKey(userName)}) {
            if (key != null) {
                failures.remove(key);
            }
        }
    }

    private Failures lookup(String key) {
        return key == null ? null : failures.get(key);
    }

    private void bump(String key, Instant now) {
        if (key == null) {
            return;
        }
        failures.compute(key, (k, f) -> f == null || expired(f, now)
                ? new Failures(1, now) : new Failures(f.count() + 1, now));
    }

    private static Duration delay(Failures f, Instant now) {
        if (f == null || expired(f, now) || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - FREE_FAILURES, 16);
        Duration d = BASE_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static boolean expired(Failures f, Instant now) {
        return !now.isBefore(f.last().plus(WINDOW));
    }

    private void purgeIfLarge(Instant now) {
        Instant last = lastPurge.get();
        if (failures.size() > PURGE_THRESHOLD && !now.isBefore(last.plus(PURGE_EVERY))
                && lastPurge.compareAndSet(last, now)) {
            failures.values().removeIf(f -> expired(f, now));
        }
    }

    int trackedKeys() {
        return failures.size();
    }

    /** The counter key of an address, or null when there is none to count. */
    private static String addressKey(String address) {
        return address == null || address.isEmpty() ? null : "a:" + address;
    }

    /** The counter key of a user name (case-insensitive), or null when there is none to count. */
    private static String userKey(String user) {
        return user == null || user.isEmpty() ? null : "u:" + user.toLowerCase(Locale.ROOT);
    }
}
