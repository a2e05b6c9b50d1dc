package dev.haven.files.service;

import java.util.List;

/** A page of a listing; continue with {@link #cookie}; {@link #end} when nothing follows. */
public record DirectoryPage(List<DirectoryEntry> entries, long cookie, boolean end) {
    /** Copies the entries. */
    public DirectoryPage {
        entries = List.copyOf(entries);
    }
}
