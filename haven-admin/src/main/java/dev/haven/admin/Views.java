package dev.haven.admin;

import dev.haven.admin.api.FileSystemView;
import dev.haven.admin.api.NodeStatus;
import dev.haven.admin.api.OpenView;
import dev.haven.admin.api.RestoreView;
import dev.haven.admin.api.SessionView;
import dev.haven.admin.api.ShareView;
import dev.haven.admin.api.SnapshotView;
import dev.haven.fs.FsStats;
import dev.haven.node.MountedFileSystem;
import dev.haven.node.Node;
import dev.haven.node.OpenInfo;
import dev.haven.node.SessionInfo;
import dev.haven.node.ShareDefinition;
import dev.haven.node.VirtualServer;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.VolumeInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Turns the node's objects into the API's documents. */
final class Views {
    private Views() {}

    static NodeStatus status(Node node) {
        var servers = node.virtualServers().stream().map(Views::server).toList();
        int opens = node.virtualServers().stream().mapToInt(v -> v.files().openCount()).sum();
        return new NodeStatus(node.dataDirectory().root().toAbsolutePath().toString(), node.started().toString(),
                servers, node.fileSystems().size(), node.shares().size(), node.sessions().size(), opens,
                node.metrics().bytesReadTotal(), node.metrics().bytesWrittenTotal());
    }

    private static NodeStatus.VirtualServerStatus server(VirtualServer vs) {
        return new NodeStatus.VirtualServerStatus(vs.config().name(), vs.state().name(),
                vs.smbAddresses().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }

    static FileSystemView fileSystem(MountedFileSystem m) throws IOException {
        FsStats s = m.fs().statfs();
        VolumeInfo v = m.volume().info();
        long bs = s.blockSize();
        return new FileSystemView(m.config().name(), m.config().virtualServer(), s.totalBlocks() * bs,
                s.usedBlocks() * bs, s.freeBlocks() * bs, v.snapshots(), v.saveBlocksUsed() * v.blockSize(),
                v.saveBlocksTotal() * v.blockSize(), restore(m.restoreProgress()));
    }

    static RestoreView restore(RestoreProgress p) {
        return p == null ? null : new RestoreView(p.source(), p.done(), p.total(), p.state().name());
    }

    static SnapshotView snapshot(SnapshotInfo s, int blockSize, Instant now) {
        return new SnapshotView(s.name(), s.kind().shortName(), s.baseOrNull(), s.created().toString(),
                Math.max(0, Duration.between(s.created(), now).toSeconds()), s.blocksHeld() * blockSize);
    }

    static ShareView share(ShareDefinition d) {
        return new ShareView(d.name(), d.fileSystem(), d.snapshotOrNull(), d.path(), d.readOnly(),
                d.encryptRequired(), d.continuouslyAvailable());
    }

    static SessionView session(SessionInfo s) {
        return new SessionView(s.virtualServer(), Long.toHexString(s.sessionId()), s.user(), s.clientAddress(),
                s.dialect(), s.since().toString());
    }

    static OpenView open(OpenInfo o) {
        return new OpenView(o.virtualServer(), o.share(), o.name(), o.inode(), o.directory(), o.locks());
    }
}
