package dev.haven.node;

/**
 * A share: a directory of a file system offered to clients.
 *
 * @param name the share name clients connect to, {@code [share NAME]}
 * @param fileSystem the file system it lives on
 * @param path the directory inside the file system, '/'-separated from its root
 * @param readOnly refuse every change
 * @param encryptRequired [MS-SMB2] 3.3.1.6 Share.EncryptData
 * @param caseHandling how clients' names match on this share
 */
public record ShareDefinition(String name, String fileSystem, String path, boolean readOnly,
        boolean encryptRequired, CaseHandling caseHandling) {}
