package dev.haven.files;

import java.util.UUID;

/**
 * An open of a file, unique across the server and across restarts. It is deliberately not tied
 * to a connection or session: durable and persistent handles outlive their connection
 * ([MS-SMB2] 3.3.5.9.7, 3.3.5.9.12), so every rule engine keys its state by {@code OpenId}.
 *
 * @param value the opaque identity
 */
public record OpenId(UUID value) {
    /** Checks that the identity is present. */
    public OpenId {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** Returns a new, never-before-used open identity. */
    public static OpenId random() {
        return new OpenId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return "open " + value;
    }
}
