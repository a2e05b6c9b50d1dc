package dev.haven.files;

import java.util.UUID;

/**
 * The identity of a client machine across its connections ([MS-SMB2] 3.3.1.7 Connection.ClientGuid).
 * Leases belong to a client, not to a connection: a lease key is only meaningful together with it.
 *
 * @param value the client's GUID
 */
public record ClientGuid(UUID value) {
    /** Checks that the identity is present. */
    public ClientGuid {
        java.util.Objects.requireNonNull(value, "value");
    }
}
