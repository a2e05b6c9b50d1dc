package dev.haven.files.durable;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.security.Sid;
import java.util.UUID;

/**
 * A request to take back a preserved open ([MS-SMB2] 3.3.5.9.7 durable v1, 3.3.5.9.12 v2).
 *
 * @param user       who asks
 * @param client     the asking client's ClientGuid
 * @param leaseKey   the lease key the request names, or null if it names none
 * @param createGuid the CreateGuid of a v2 reconnect, or null for v1
 */
public record Reclaim(Sid user, ClientGuid client, LeaseKey leaseKey, UUID createGuid) {}
