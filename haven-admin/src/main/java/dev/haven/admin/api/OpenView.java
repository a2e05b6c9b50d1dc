package dev.haven.admin.api;

import java.util.List;

/** An open file or directory and the byte-range locks held through it ({@code offset+length}, {@code x} exclusive). */
public record OpenView(String virtualServer, String share, String name, long inode, boolean directory,
        List<String> locks) {}
