package dev.haven.smb.server;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.service.OpenResult;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.UUID;

/**
 * The durable-handle create contexts of a CREATE ([MS-SMB2] 2.2.13.2.3/4, 2.2.13.2.11/12) and of
 * its answer (2.2.14.2.3, 2.2.14.2.12):
 *
 * <pre>
 * DHnQ request (16): Reserved 16            DHnQ response (8): Reserved 8
 * DHnC request (16): FileId 16
 * DH2Q request (32): Timeout 4 | Flags 4 | Reserved 8 | CreateGuid 16
 * DH2Q response (8): Timeout 4 | Flags 4
 * DH2C request (36): FileId 16 | CreateGuid 16 | Flags 4
 * </pre>
 *
 * A durable open is granted only with a batch oplock or a lease with handle caching (3.3.5.9.6,
 * 3.3.5.9.10); v2 contexts count only on SMB 3.x; v1 and v2 contexts together are
 * STATUS_INVALID_PARAMETER (3.3.5.9). A v2 request with SMB2_DHANDLE_FLAG_PERSISTENT on a
 * continuously available share of a server that keeps persistent opens is granted persistent,
 * whatever its caching (3.3.5.9.10): its state is then stored before the CREATE is answered.
 */
final class DurableContexts {
    static final String V1_REQUEST = "DHnQ";
    static final String V1_RECONNECT = "DHnC";
    static final String V2_REQUEST = "DH2Q";
    static final String V2_RECONNECT = "DH2C";
    /** [MS-SMB2] 3.3.2.1 / Windows: a v1 durable open waits 16 minutes for its client. */
    static final Duration V1_TIMEOUT = Duration.ofMinutes(16);
    /** [MS-SMB2] 2.2.13.2.11 SMB2_DHANDLE_FLAG_PERSISTENT. */
    static final int FLAG_PERSISTENT = 0x2;
    /** The longest a v2 durable open waits, whatever the client asks (the share's cap). */
    static final Duration V2_MAX_TIMEOUT = Duration.ofSeconds(300);
    /** What a v2 durable open waits when the client leaves the choice to the server (Timeout 0). */
    static final Duration V2_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** What a CREATE asks of durability. */
    sealed interface Ask {}

    /** No durable context. */
    record None() implements Ask {}

    /** DHnQ: make this open durable. */
    record V1() implements Ask {}

    /** DH2Q: make this open durable for {@code timeout}, remembering its CreateGuid; persistent if asked. */
    record V2(Duration timeout, UUID createGuid, boolean persistent) implements Ask {}

    /** DHnC or DH2C: take back the preserved open {@code fileId} ({@code createGuid} null for v1). */
    record Reconnect(Smb2FileId fileId, UUID createGuid) implements Ask {}

    /**
     * What an open was granted: it waits {@code timeout} after a disconnect for a reconnect by
     * {@code client} (which must name {@code leaseKey}, null for an open without a lease); a
     * persistent open also survives a server restart; a resilient one ([MS-SMB2] 3.3.5.15.9) and a
     * persistent one are kept whatever their caching.
     */
    record Granted(Duration timeout, UUID createGuid, ClientGuid client, LeaseKey leaseKey, boolean persistent,
            boolean resilient) {
        /** Kept after a disconnect whatever its caching ([MS-SMB2] 3.3.7.1). */
        boolean keptWithoutCaching() {
            return persistent || resilient;
        }
    }

    private DurableContexts() {
    }

    /** The durability {@code req} asks for on a connection of {@code dialect3} (SMB 3.x) or not. */
    static Ask of(CreateRequest req, boolean dialect3) throws SmbStatusException {
        byte[] v1 = null;
        byte[] v1Reconnect = null;
        byte[] v2 = null;
        byte[] v2Reconnect = null;
        for (CreateContext c : req.createContexts()) {
            switch (c.name()) {
                case V1_REQUEST -> v1 = sized(c, 16);
                case V1_RECONNECT -> v1Reconnect = sized(c, 16);
                case V2_REQUEST -> v2 = dialect3 ? sized(c, 32) : null;
                case V2_RECONNECT -> v2Reconnect = dialect3 ? sized(c, 36) : null;
                default -> { }
            }
        }
        if ((v2 != null || v2Reconnect != null) && (v1 != null || v1Reconnect != null)
                || v2 != null && v2Reconnect != null) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "v1 and v2 durable contexts together");
        }
        if (v1Reconnect != null) {
            return new Reconnect(fileId(le(v1Reconnect)), null); // a DHnQ beside it is ignored (3.3.5.9.7)
        }
        if (v2Reconnect != null) {
            ByteBuffer b = le(v2Reconnect);
            return new Reconnect(fileId(b), guid(b));
        }
        if (v2 != null) {
            ByteBuffer b = le(v2);
            long asked = Integer.toUnsignedLong(b.getInt());
            int flags = b.getInt();
            b.getLong();
            Duration timeout = asked == 0 ? V2_DEFAULT_TIMEOUT
                    : Duration.ofMillis(Math.min(asked, V2_MAX_TIMEOUT.toMillis()));
            return new V2(timeout, guid(b), (flags & FLAG_PERSISTENT) != 0);
        }
        return v1 != null ? new V1() : new None();
    }

    /**
     * What {@code ask} is granted for an open that got {@code result}'s caching: durability needs
     * a batch oplock or a lease with handle caching, unless the open may be persistent
     * ({@code persistentOffered}: a continuously available share of a server that stores
     * persistent opens, [MS-SMB2] 3.3.5.9.10); null when nothing is granted.
     */
    static Granted grant(Ask ask, OpenResult result, ClientGuid client, LeaseKey leaseKey, boolean persistentOffered) {
        LeaseKey key = result.lease().isPresent() ? leaseKey : null;
        if (ask instanceof V2 v && v.persistent() && persistentOffered) {
            return new Granted(v.timeout(), v.createGuid(), client, key, true, false);
        }
        boolean handleCaching = result.oplock() == OplockLevel.BATCH
                || result.lease().map(g -> g.state().has(LeaseState.HANDLE_CACHING)).orElse(false);
        if (!handleCaching) {
            return null;
        }
        return switch (ask) {
            case V1 v -> new Granted(V1_TIMEOUT, null, client, key, false, false);
            case V2 v -> new Granted(v.timeout(), v.createGuid(), client, key, false, false);
            case None n -> null;
            case Reconnect r -> null;
        };
    }

    /** The response context saying what was granted. */
    static CreateContext response(Granted g) {
        if (g.createGuid() == null) {
            return new CreateContext(V1_REQUEST, new byte[8]);
        }
        return new CreateContext(V2_REQUEST, new WireWriter(8).u32((int) g.timeout().toMillis())
                .u32(g.persistent() ? FLAG_PERSISTENT : 0).toByteArray());
    }

    private static byte[] sized(CreateContext c, int size) throws SmbStatusException {
        byte[] data = c.data();
        if (data.length < size) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, c.name() + " context of " + data.length + " bytes");
        }
        return data;
    }

    private static ByteBuffer le(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Smb2FileId fileId(ByteBuffer b) {
        return new Smb2FileId(b.getLong(), b.getLong());
    }

    /** A GUID as 16 raw bytes; only compared, so the byte order needs no interpretation. */
    private static UUID guid(ByteBuffer b) {
        ByteBuffer raw = b.slice(b.position(), 16).order(ByteOrder.BIG_ENDIAN);
        b.position(b.position() + 16);
        return new UUID(raw.getLong(), raw.getLong());
    }
}
