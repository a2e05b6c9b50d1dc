package dev.haven.admin.api;

import java.util.List;

/**
 * {@code GET /api/v1/status}: the node at a glance.
 *
 * @param dataDir the node's data directory
 * @param started when the node started
 * @param virtualServers its virtual file servers
 * @param fileSystems how many file systems it serves
 * @param shares how many shares it serves
 * @param sessions authenticated SMB sessions now
 * @param opens open files and directories now
 * @param bytesRead bytes read through SMB since start
 * @param bytesWritten bytes written through SMB since start
 */
public record NodeStatus(String dataDir, String started, List<VirtualServerStatus> virtualServers, int fileSystems,
        int shares, int sessions, int opens, long bytesRead, long bytesWritten) {
    /** A virtual file server: its lifecycle state and SMB listeners ({@code host:port}). */
    public record VirtualServerStatus(String name, String state, List<String> smbListeners) {}
}
