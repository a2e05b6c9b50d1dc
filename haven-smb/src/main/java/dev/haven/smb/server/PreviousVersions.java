package dev.haven.smb.server;

import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.files.snapshot.SnapshotCatalog;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which share a CREATE opens in: the live share, or one of its previous versions named by the
 * [MS-SMB2] 2.2.13.2.7 TWrp create context (a FILETIME) or by an {@code @GMT-} token as one
 * component of the path (anywhere in it, as Samba's shadow_copy2 accepts:
 * {@code @GMT-2026.11.22-07.00.00\dir\file} and {@code dir\@GMT-2026.11.22-07.00.00\file}). The
 * token is taken out of the path; TWrp wins when both are given. A time that names no snapshot of
 * the share (or a share without snapshots) is STATUS_OBJECT_NAME_NOT_FOUND, as Samba answers.
 */
final class PreviousVersions {
    /** [MS-SMB2] 2.2.13.2: SMB2_CREATE_TIMEWARP_TOKEN. */
    static final String TWRP = "TWrp";
    private static final int FILETIME_SIZE = 8;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private PreviousVersions() {
    }

    /** Where an open goes: a share (live or a previous version) and the path inside it. */
    record Target(Share share, SharePath path) {}

    /**
     * The share and path {@code name} (the request's name without its stream suffix) names on
     * {@code config}, whose live storage is {@code live}; {@code req} may carry a TWrp context.
     */
    static Target resolve(ShareConfig config, Share live, String name, CreateRequest req) throws SmbStatusException {
        List<String> components = new ArrayList<>(SharePath.parse(name, '\\').components());
        Optional<Instant> time = timewarp(req);
        for (int i = 0; i < components.size(); i++) {
            Optional<GmtToken> token = GmtToken.parse(components.get(i));
            if (token.isPresent()) {
                components.remove(i);
                time = time.or(() -> Optional.of(token.get().time()));
                break;
            }
        }
        if (time.isEmpty()) {
            return new Target(live, new SharePath(components));
        }
        SnapshotCatalog catalog = config.previousVersions();
        Optional<Share> then = catalog == null ? Optional.empty() : catalog.at(time.get());
        if (then.isEmpty()) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "no snapshot at " + GmtToken.of(time.get()));
        }
        return new Target(then.get(), new SharePath(components));
    }

    /** The TWrp context's time, rounded down to the second; a context that is not 8 bytes is invalid. */
    private static Optional<Instant> timewarp(CreateRequest req) throws SmbStatusException {
        for (CreateContext c : req.createContexts()) {
            if (c.name().equals(TWRP)) {
                byte[] data = c.data();
                if (data.length != FILETIME_SIZE) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "TWrp of " + data.length + " bytes");
                }
                long ticks = InfoEncoding.ticks(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong());
                return Optional.of(Instant.ofEpochSecond(Math.floorDiv(ticks, TICKS_PER_SECOND)));
            }
        }
        return Optional.empty();
    }

    /** The share's versions as tokens, newest first (none for a share without snapshots). */
    static List<String> tokens(ShareConfig config) {
        SnapshotCatalog catalog = config.previousVersions();
        return catalog == null ? List.of() : catalog.versions().stream().map(t -> GmtToken.of(t).toString()).toList();
    }
}
