package dev.haven.files.durable;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.security.Sid;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * What a durable open keeps while its connection is gone: the front-end's handle and who may
 * take it back.
 *
 * @param handle     the front-end's handle (its open is still open in the file service)
 * @param owner      the user the open belongs to: only this user may reclaim it
 * @param client     the client that opened it ([MS-SMB2] ClientGuid)
 * @param leaseKey   the open's lease key, or null for an open without a lease: a reclaim must name it
 * @param createGuid the client's CreateGuid for a v2 durable open, or null
 * @param timeout    how long it waits for its owner after the disconnect
 */
public record PreservedOpen(DurableHandle handle, Sid owner, ClientGuid client, LeaseKey leaseKey, UUID createGuid,
        Duration timeout) {
    /** Checks the parts every preserved open has. */
    public PreservedOpen {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(client, "client");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative durable timeout " + timeout);
        }
    }
}
