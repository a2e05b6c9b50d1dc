package dev.haven.smb.server;

import java.time.Duration;

/** What processing one transport frame produced. */
sealed interface Outcome {
    /** Send this SMB2 payload (without the 4-byte transport header), after {@code delay}. */
    record Send(byte[] payload, Duration delay) implements Outcome {
    }

    /** Send the first {@code length} bytes of a message built in memory the transport lent. */
    record SendLent(OutboundBuffer message, int length) implements Outcome {
    }

    /** Nothing to send (a lone CANCEL). */
    record Silent() implements Outcome {
    }

    /** The client broke the protocol: close the connection without a reply. */
    record Disconnect(String reason) implements Outcome {
    }
}
