package dev.haven.testkit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The power shared by a set of {@link FaultInjectingBlockDevice}s, as the disks of one machine
 * share it. Every write and every flush on any of its devices is one <em>operation</em>; after
 * {@link #cutAfter(long) n} operations the power fails and every later call on every device throws
 * {@link PowerFailureException}. A crash test first runs its scenario once to learn how many
 * operations it makes ({@link #operations()}), then once per position {@code 0..n}.
 */
public final class PowerSupply {
    private final AtomicLong operations = new AtomicLong();
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile boolean failed;

    /** Operations counted so far. */
    public long operations() {
        return operations.get();
    }

    /** Fails the power once {@code n} operations have completed; the next one fails. */
    public PowerSupply cutAfter(long n) {
        this.cutAfter = n;
        return this;
    }

    /** True once the power has failed. */
    public boolean failed() {
        return failed;
    }

    /** A new device on this supply, empty. */
    public FaultInjectingBlockDevice newDevice(String name, int blockSize, long blockCount) {
        return new FaultInjectingBlockDevice(this, new MemoryBlockDevice(name, blockSize, blockCount));
    }

    /** A new device on this supply whose durable content starts as {@code image}'s. */
    public FaultInjectingBlockDevice newDevice(MemoryBlockDevice image) {
        return new FaultInjectingBlockDevice(this, image);
    }

    /** Counts one operation, or throws if the power is (now) off. */
    void operate(String device) throws PowerFailureException {
        if (failed) {
            throw new PowerFailureException(device, operations.get());
        }
        long n = operations.get();
        if (n >= cutAfter) {
            failed = true;
            throw new PowerFailureException(device, n);
        }
        operations.incrementAndGet();
    }

    /** Throws if the power is off (for reads, which are not counted). */
    void check(String device) throws PowerFailureException {
        if (failed) {
            throw new PowerFailureException(device, operations.get());
        }
    }
}
