package dev.haven.files.service;

/**
 * One entry of a directory listing.
 *
 * @param cookie resumes the listing just after this entry
 */
public record DirectoryEntry(String name, FileAttributes attributes, long cookie) {
}
