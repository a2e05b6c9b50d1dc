package dev.haven.smb.server;

import java.util.BitSet;

/**
 * [MS-SMB2] 3.3.1.1 and 3.3.1.2: the command sequence window of a connection. It starts as {0};
 * each MessageId (or CreditCharge consecutive ids) may be used once; granted credits extend the
 * window at its top. The window never holds more than {@code maxCredits} unused ids, so a client
 * cannot make the server track an unbounded set.
 */
final class CreditWindow {
    private final int maxCredits;
    /** Lowest id not yet consumed. */
    private long low;
    /** Ids below this are granted. */
    private long high = 1;
    /** Bit i set: id low+i was consumed (out of order). */
    private final BitSet consumed = new BitSet();

    CreditWindow(int maxCredits) {
        if (maxCredits < 1) {
            throw new IllegalArgumentException("maxCredits must be positive");
        }
        this.maxCredits = maxCredits;
    }

    /**
     * [MS-SMB2] 3.3.5.2.3: consumes {@code charge} ids starting at {@code messageId}; false when
     * any of them is outside the window or already used (the caller disconnects).
     */
    boolean consume(long messageId, int charge) {
        int n = Math.max(1, charge);
        if (messageId < low || messageId > high - n || high - n < 0) {
            return false;
        }
        int from = (int) (messageId - low);
        if (consumed.get(from, from + n).cardinality() != 0) {
            return false;
        }
        consumed.set(from, from + n);
        int advance = consumed.nextClearBit(0);
        if (advance > 0) {
            low += advance;
            shift(advance);
        }
        return true;
    }

    private void shift(int by) {
        BitSet shifted = consumed.get(by, Math.max(by, consumed.length()));
        consumed.clear();
        consumed.or(shifted);
    }

    /** Ids the client may still use. */
    long available() {
        return high - low - consumed.cardinality();
    }

    /**
     * [MS-SMB2] 3.3.1.2: grants up to {@code requested} credits, never past {@code maxCredits}
     * outstanding, and always at least one when the client would otherwise hold none.
     */
    int grant(int requested) {
        long room = maxCredits - available();
        int granted = (int) Math.max(0, Math.min(requested, room));
        if (available() + granted == 0) {
            granted = 1;
        }
        high += granted;
        return granted;
    }

    long high() {
        return high;
    }
}
