package dev.haven.node;

/**
 * A share: a directory of a file system, or of one of its snapshots, offered to clients.
 *
 * @param name the share name clients connect to, {@code [share NAME]}
 * @param fileSystem the file system it lives on
 * @param path the directory inside the file system, '/'-separated from its root
 * @param readOnly refuse every change
 * @param encryptRequired [MS-SMB2] 3.3.1.6 Share.EncryptData
 * @param caseHandling how clients' names match on this share
 * @param snapshotOrNull the snapshot it serves ({@code snapshot = NAME}), null for production; a
 *     writable snapshot is served read-write, a read-only one read-only
 * @param continuouslyAvailable {@code continuously-available = yes}: SMB 3 opens may be
 *     persistent (they survive a restart of the node) and every change is stable before it is
 *     answered ([MS-SMB2] 3.3.1.6 Share.IsCA)
 */
public record ShareDefinition(String name, String fileSystem, String path, boolean readOnly,
        boolean encryptRequired, CaseHandling caseHandling, String snapshotOrNull, boolean continuouslyAvailable) {
    /** A share on production. */
    public ShareDefinition(String name, String fileSystem, String path, boolean readOnly, boolean encryptRequired,
            CaseHandling caseHandling) {
        this(name, fileSystem, path, readOnly, encryptRequired, caseHandling, null);
    }

    /** A share that is not continuously available. */
    public ShareDefinition(String name, String fileSystem, String path, boolean readOnly, boolean encryptRequired,
            CaseHandling caseHandling, String snapshotOrNull) {
        this(name, fileSystem, path, readOnly, encryptRequired, caseHandling, snapshotOrNull, false);
    }

    /** What it serves: {@code FS} or {@code FS@SNAP}. */
    public String source() {
        return snapshotOrNull == null ? fileSystem : fileSystem + "@" + snapshotOrNull;
    }

    /** Its {@code haven.conf} section. */
    String section() {
        StringBuilder sb = new StringBuilder();
        sb.append("[share ").append(name).append("]\n");
        sb.append("filesystem = ").append(fileSystem).append('\n');
        if (snapshotOrNull != null) {
            sb.append("snapshot = ").append(snapshotOrNull).append('\n');
        }
        sb.append("path = ").append(path).append('\n');
        sb.append("read-only = ").append(readOnly ? "yes" : "no").append('\n');
        sb.append("encrypt = ").append(encryptRequired ? "required" : "off").append('\n');
        if (continuouslyAvailable) {
            sb.append("continuously-available = yes\n");
        }
        return sb.toString();
    }
}
