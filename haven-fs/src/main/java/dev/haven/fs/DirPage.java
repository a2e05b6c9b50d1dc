package dev.haven.fs;

import java.util.List;

/** A page of a directory listing; pass {@link #cookie} to continue; {@link #end} when nothing follows. */
public record DirPage(List<DirEntry> entries, long cookie, boolean end) {
}
