package dev.haven.smb.server;

import dev.haven.files.service.Share;
import dev.haven.files.snapshot.SnapshotCatalog;
import java.util.Locale;

/**
 * A share the server offers.
 *
 * @param encryptRequired [MS-SMB2] 3.3.1.6 Share.EncryptData: 3.x clients must encrypt, older
 *     dialects are refused
 * @param storage the file-service share that serves its files; null for a share that only
 *     accepts TREE_CONNECT (file commands are then answered STATUS_NOT_SUPPORTED)
 * @param previousVersions the share's snapshots as Previous Versions (FSCTL_SRV_ENUMERATE_SNAPSHOTS,
 *     TWrp, {@code @GMT-} path tokens); null when it has none
 * @param continuouslyAvailable [MS-SMB2] 3.3.1.6 Share.IsCA: SMB 3 opens may be persistent
 *     (their state survives a server restart) and every change is stable before it is answered
 */
public record ShareConfig(String name, boolean encryptRequired, boolean readOnly, Share storage,
        SnapshotCatalog previousVersions, boolean continuouslyAvailable) {
    /** Checks the name. */
    public ShareConfig {
        if (name == null || name.isEmpty() || name.contains("\\") || name.contains("/")) {
            throw new IllegalArgumentException("bad share name: " + name);
        }
    }

    /** A share that is not continuously available. */
    public ShareConfig(String name, boolean encryptRequired, boolean readOnly, Share storage,
            SnapshotCatalog previousVersions) {
        this(name, encryptRequired, readOnly, storage, previousVersions, false);
    }

    /** A share without previous versions. */
    public ShareConfig(String name, boolean encryptRequired, boolean readOnly, Share storage) {
        this(name, encryptRequired, readOnly, storage, null);
    }

    /** A share without storage. */
    public ShareConfig(String name, boolean encryptRequired, boolean readOnly) {
        this(name, encryptRequired, readOnly, null);
    }

    /** A disk share served by {@code storage}, named and read-only as it is. */
    public ShareConfig(Share storage, boolean encryptRequired) {
        this(storage, encryptRequired, null);
    }

    /** A disk share served by {@code storage} whose snapshots {@code previousVersions} lists (null: none). */
    public ShareConfig(Share storage, boolean encryptRequired, SnapshotCatalog previousVersions) {
        this(storage.name(), encryptRequired, storage.readOnly(), storage, previousVersions);
    }

    /** This share, continuously available or not. */
    public ShareConfig withContinuousAvailability(boolean ca) {
        return new ShareConfig(name, encryptRequired, readOnly, storage, previousVersions, ca);
    }

    /** Share names compare case-insensitively ([MS-SMB2] 3.3.5.7). */
    boolean matches(String shareName) {
        return name.toLowerCase(Locale.ROOT).equals(shareName.toLowerCase(Locale.ROOT));
    }
}
