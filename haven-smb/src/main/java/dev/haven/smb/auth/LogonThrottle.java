package dev.haven.smb.auth;

import java.time.Clock;
import java.time.Duration;

/** Rate-limits wrong passwords per client address and per user name. */
public final class LogonThrottle {
    /** A throttle reading time from this clock. */
    public LogonThrottle(Clock clock) {
    }

    /** How long to hold the next attempt; Duration.ZERO when not throttled. */
    public Duration delayFor(String clientAddress, String userName) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Records a failed logon. */
    public void recordFailure(String clientAddress, String userName) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Records a successful logon, which resets both counters. */
    public void recordSuccess(String clientAddress, String userName) {
        throw new UnsupportedOperationException("not yet");
    }
}
