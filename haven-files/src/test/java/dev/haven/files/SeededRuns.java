package dev.haven.files;

import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Runs a seeded random test case many times from a fresh random base seed, or replays one seed
 * given as {@code -Dhaven.seed=N}. A failing case is reported with its seed.
 */
public final class SeededRuns {
    private SeededRuns() {}

    /** Runs {@code count} cases (or the one replayed seed); returns false when it only replayed one. */
    public static boolean run(int count, LongConsumer oneCase) {
        String fixed = System.getProperty("haven.seed");
        if (fixed != null) {
            runCase(Long.parseLong(fixed), oneCase);
            return false;
        }
        long base = new Random().nextLong();
        for (int i = 0; i < count; i++) {
            runCase(base + i, oneCase);
        }
        return true;
    }

    private static void runCase(long seed, LongConsumer oneCase) {
        try {
            oneCase.accept(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed with seed " + seed + " (replay: -Dhaven.seed=" + seed + ")", e);
        }
    }
}
