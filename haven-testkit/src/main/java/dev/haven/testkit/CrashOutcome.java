package dev.haven.testkit;

/** What a power cut does to the writes a device had not flushed. */
public enum CrashOutcome {
    /** Every unflushed write is lost. */
    LOSE_ALL,
    /** Every unflushed write reached the medium, in order. */
    KEEP_ALL,
    /** Each unflushed block write independently survives or not, in any order, and one may be torn. */
    RANDOM
}
