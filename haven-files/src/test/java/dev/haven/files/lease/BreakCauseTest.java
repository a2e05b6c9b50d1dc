package dev.haven.files.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The break table, row by row, as the Windows oplock break conditions for CREATE, READ, WRITE
 * and LOCK_CONTROL state it ([MS-FSA] 2.1.4.12): what each holder keeps and whether the
 * operation waits for the acknowledgment.
 */
class BreakCauseTest {

    private static LeaseState state(String s) {
        return switch (s) {
            case "NONE" -> LeaseState.NONE;
            case "R" -> LeaseState.R;
            case "RH" -> LeaseState.RH;
            case "RW" -> LeaseState.RW;
            case "RWH" -> LeaseState.RWH;
            default -> throw new IllegalArgumentException(s);
        };
    }

    @ParameterizedTest(name = "lease {0} on {1} -> {2}, waits {3}")
    @CsvSource({
        "RWH, OPEN,            RH,   true",
        "RWH, OPEN_OVERWRITE,  NONE, true",
        "RWH, HANDLE_CONFLICT, RW,   true",
        "RWH, READ,            RH,   true",
        "RWH, WRITE,           NONE, true",
        "RWH, LOCK,            NONE, false",
        "RW,  OPEN,            R,    true",
        "RW,  OPEN_OVERWRITE,  NONE, true",
        "RW,  HANDLE_CONFLICT, RW,   -",
        "RW,  READ,            R,    true",
        "RW,  WRITE,           NONE, true",
        "RW,  LOCK,            NONE, true",
        "RH,  OPEN,            RH,   -",
        "RH,  OPEN_OVERWRITE,  NONE, false",
        "RH,  HANDLE_CONFLICT, R,    true",
        "RH,  READ,            RH,   -",
        "RH,  WRITE,           NONE, false",
        "RH,  LOCK,            NONE, false",
        "R,   OPEN,            R,    -",
        "R,   OPEN_OVERWRITE,  NONE, false",
        "R,   HANDLE_CONFLICT, R,    -",
        "R,   READ,            R,    -",
        "R,   WRITE,           NONE, false",
        "R,   LOCK,            NONE, false",
    })
    void leaseBreakTable(String from, BreakCause cause, String to, String waits) {
        LeaseState current = state(from);
        assertEquals(state(to), cause.leaseTarget(current));
        if (!waits.equals("-")) {
            boolean ackNeeded = current.has(LeaseState.WRITE_CACHING) || current.has(LeaseState.HANDLE_CACHING);
            LeaseState target = cause.leaseTarget(current);
            assertEquals(Boolean.parseBoolean(waits), ackNeeded && cause.waitsForAck(current, target, target, true));
        }
    }

    /**
     * An overwriting open waits for a lease's handle break that stops short of what it needs (the
     * break from RH to R that precedes the one to none, smb2.lease.breaking3), but not for one
     * that goes as far (smb2.lease.breaking4).
     */
    @org.junit.jupiter.api.Test
    void anOverwriteWaitsForAHandleBreakOnlyWhileItFallsShort() {
        assertEquals(true, BreakCause.OPEN_OVERWRITE.waitsForAck(LeaseState.RH, LeaseState.R, LeaseState.NONE, true));
        assertEquals(false, BreakCause.OPEN_OVERWRITE.waitsForAck(LeaseState.RH, LeaseState.NONE, LeaseState.NONE, true));
        assertEquals(true, BreakCause.OPEN.waitsForAck(LeaseState.RH, LeaseState.R, LeaseState.RH, true));
    }

    @ParameterizedTest(name = "oplock {0} on {1} -> {2}, waits {3}")
    @CsvSource({
        "BATCH,     OPEN,            LEVEL_II, true",
        "BATCH,     OPEN_OVERWRITE,  NONE,     true",
        "BATCH,     HANDLE_CONFLICT, LEVEL_II, true",
        "BATCH,     READ,            LEVEL_II, true",
        "BATCH,     WRITE,           NONE,     true",
        "BATCH,     LOCK,            NONE,     true",
        "EXCLUSIVE, OPEN,            LEVEL_II, true",
        "EXCLUSIVE, OPEN_OVERWRITE,  NONE,     true",
        "EXCLUSIVE, HANDLE_CONFLICT, EXCLUSIVE, -",
        "EXCLUSIVE, READ,            LEVEL_II, true",
        "EXCLUSIVE, WRITE,           NONE,     true",
        "EXCLUSIVE, LOCK,            NONE,     true",
        "LEVEL_II,  OPEN,            LEVEL_II, -",
        "LEVEL_II,  OPEN_OVERWRITE,  NONE,     false",
        "LEVEL_II,  HANDLE_CONFLICT, LEVEL_II, -",
        "LEVEL_II,  READ,            LEVEL_II, -",
        "LEVEL_II,  WRITE,           NONE,     false",
        "LEVEL_II,  LOCK,            NONE,     false",
    })
    void oplockBreakTable(OplockLevel from, BreakCause cause, OplockLevel to, String waits) {
        LeaseState current = from.caching();
        assertEquals(to, OplockLevel.fromCaching(cause.oplockTarget(current)));
        if (!waits.equals("-")) {
            boolean ackNeeded = from != OplockLevel.LEVEL_II;
            LeaseState target = cause.oplockTarget(current);
            assertEquals(Boolean.parseBoolean(waits), ackNeeded && cause.waitsForAck(current, target, target, false));
        }
    }
}
