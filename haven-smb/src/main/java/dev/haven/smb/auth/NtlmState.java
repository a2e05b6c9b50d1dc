package dev.haven.smb.auth;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of an {@link NtlmAcceptor}, with its allowed transitions. */
enum NtlmState {
    EXPECT_NEGOTIATE, EXPECT_AUTHENTICATE, DONE, FAILED;

    private Set<NtlmState> allowed() {
        return switch (this) {
            case EXPECT_NEGOTIATE -> EnumSet.of(EXPECT_AUTHENTICATE, FAILED);
            case EXPECT_AUTHENTICATE -> EnumSet.of(DONE, FAILED);
            case DONE, FAILED -> EnumSet.noneOf(NtlmState.class);
        };
    }

    /** Checks and returns the next state. */
    NtlmState next(NtlmState to) {
        if (!allowed().contains(to)) {
            throw new IllegalStateException("NTLM state " + this + " cannot go to " + to);
        }
        return to;
    }
}
