package dev.haven.bench.fs;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of a single-shot benchmark whose shots each make one new entry (a file or a
 * directory) on both sides: the previous shot's entry is removed before each shot, outside the
 * measured time, and the place is deleted at the end of the trial.
 */
abstract class ShotState {
    HostPlace place;
    int shot;

    /** The entry that shot {@code n} creates in the root of both sides. */
    abstract String entry(int n);

    /** Removes the previous shot's entry on both sides. */
    @Setup(Level.Invocation)
    public void removePreviousShot() throws Exception {
        place.remove(entry(shot));
        afterRemove();
        shot++;
    }

    /** Runs after the previous shot's entry is removed; nothing by default. */
    void afterRemove() throws Exception {
        // by default the removal needs nothing more
    }

    /** Closes and deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        place.close();
    }
}
