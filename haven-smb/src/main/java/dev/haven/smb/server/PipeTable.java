package dev.haven.smb.server;

import dev.haven.smb.rpc.RpcPipe;
import dev.haven.smb.wire.Smb2FileId;
import java.util.HashMap;
import java.util.Map;

/**
 * The named-pipe opens of one IPC$ tree connect ([MS-SMB2] 3.3.1.10 Open on a pipe). Pipes hold
 * only memory, so a tree, session or connection that goes simply drops its table. Touched only
 * by the connection's serial executor.
 */
final class PipeTable {
    /** Pipe opens one tree may hold at once. */
    static final int MAX_PIPES = 64;
    private final Map<Long, RpcPipe> pipes = new HashMap<>();
    private long nextId = 1;

    /** Adds a pipe and returns its FileId, or null when the tree holds {@link #MAX_PIPES} already. */
    Smb2FileId add(RpcPipe pipe) {
        if (pipes.size() >= MAX_PIPES) {
            return null;
        }
        long id = nextId++;
        pipes.put(id, pipe);
        return new Smb2FileId(id, id);
    }

    RpcPipe get(Smb2FileId fileId) {
        return fileId.persistent() == fileId.volatileId() ? pipes.get(fileId.volatileId()) : null;
    }

    boolean remove(Smb2FileId fileId) {
        return get(fileId) != null && pipes.remove(fileId.volatileId()) != null;
    }
}
