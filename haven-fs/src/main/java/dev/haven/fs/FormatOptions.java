package dev.haven.fs;

import java.time.Clock;

/** How to format: name case handling and the clock for the root's times. */
public record FormatOptions(boolean caseInsensitive, Clock clock) {
    /** Case-sensitive, system clock. */
    public static final FormatOptions DEFAULT = new FormatOptions(false, Clock.systemUTC());
}
