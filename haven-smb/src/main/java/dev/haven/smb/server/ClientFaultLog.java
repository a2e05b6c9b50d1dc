package dev.haven.smb.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WARN logging for faults that are the client's (malformed messages, protocol violations),
 * rate-limited so a misbehaving client cannot flood the log: at most {@link #BURST} lines per
 * {@link #WINDOW_NANOS}, then one line saying how many were suppressed.
 */
final class ClientFaultLog {
    static final int BURST = 20;
    static final long WINDOW_NANOS = 60_000_000_000L;

    private static final Logger LOG = System.getLogger("dev.haven.smb.server.ClientFault");
    private static final AtomicLong WINDOW_START = new AtomicLong(System.nanoTime());
    private static final AtomicLong IN_WINDOW = new AtomicLong();
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private ClientFaultLog() {
    }

    /** Logs one client fault at WARN unless the window's budget is spent. */
    static void warn(String format, Object... args) {
        long now = System.nanoTime();
        long start = WINDOW_START.get();
        if (now - start > WINDOW_NANOS && WINDOW_START.compareAndSet(start, now)) {
            IN_WINDOW.set(0);
            long dropped = SUPPRESSED.getAndSet(0);
            if (dropped > 0) {
                LOG.log(Level.WARNING, "{0} client faults were not logged in the last minute", dropped);
            }
        }
        if (IN_WINDOW.incrementAndGet() <= BURST) {
            LOG.log(Level.WARNING, format, args);
        } else {
            SUPPRESSED.incrementAndGet();
            LOG.log(Level.DEBUG, format, args);
        }
    }
}
