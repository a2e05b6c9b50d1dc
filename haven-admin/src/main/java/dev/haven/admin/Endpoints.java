package dev.haven.admin;

import dev.haven.admin.api.FileSystemView;
import dev.haven.admin.api.ShareView;
import dev.haven.admin.api.SnapshotRequest;
import dev.haven.admin.api.SnapshotTaken;
import dev.haven.admin.api.SnapshotView;
import dev.haven.node.CaseHandling;
import dev.haven.node.LiveSnapshot;
import dev.haven.node.MountedFileSystem;
import dev.haven.node.Node;
import dev.haven.node.ShareDefinition;
import dev.haven.volume.SnapshotInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The routes of {@code /api/v1/}: each one call on the node, its result as a document. */
final class Endpoints {
    static final String V1 = "/api/v1";

    private final Node node;
    private final Clock clock;

    Endpoints(Node node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    List<Route> routes() {
        String fs = V1 + "/filesystems/{fs}";
        return List.of(
                new Route("GET", V1 + "/status", null, c -> Views.status(node)),
                new Route("GET", V1 + "/filesystems", null, c -> fileSystems()),
                new Route("GET", fs + "/snapshots", null, c -> snapshots(c.param("fs"))),
                new Route("POST", fs + "/snapshots", SnapshotRequest.class,
                        c -> create(c.param("fs"), c.body(SnapshotRequest.class))),
                new Route("POST", fs + "/writable", SnapshotRequest.class,
                        c -> writable(c.param("fs"), c.body(SnapshotRequest.class))),
                new Route("POST", fs + "/snapshots/{name}/refresh", SnapshotRequest.class,
                        c -> refresh(c.param("fs"), c.param("name"), c.body(SnapshotRequest.class))),
                new Route("DELETE", fs + "/snapshots/{name}", null, c -> {
                    node.requireFileSystem(c.param("fs")).delete(c.param("name"));
                    return null;
                }),
                new Route("POST", fs + "/restore", SnapshotRequest.class,
                        c -> Views.restore(node.restore(c.param("fs"), required(c.body(SnapshotRequest.class).from(),
                                "from")))),
                new Route("GET", fs + "/restore", null,
                        c -> Views.restore(node.requireFileSystem(c.param("fs")).restoreProgress())),
                new Route("GET", V1 + "/shares", null, c -> node.shares().stream().map(Views::share).toList()),
                new Route("POST", V1 + "/shares", ShareView.class, c -> Views.share(addShare(c.body(ShareView.class)))),
                new Route("DELETE", V1 + "/shares/{name}", null, c -> {
                    node.deleteShare(c.param("name"));
                    return null;
                }),
                new Route("GET", V1 + "/sessions", null, c -> node.sessions().stream().map(Views::session).toList()),
                new Route("GET", V1 + "/opens", null, c -> node.opens().stream().map(Views::open).toList()),
                new Route("GET", V1 + "/openapi.json", null, c -> OpenApi.document()));
    }

    private List<FileSystemView> fileSystems() throws IOException {
        List<FileSystemView> out = new ArrayList<>();
        for (MountedFileSystem m : node.fileSystems()) {
            out.add(Views.fileSystem(m));
        }
        return out;
    }

    private List<SnapshotView> snapshots(String fs) {
        MountedFileSystem m = node.requireFileSystem(fs);
        int bs = m.volume().info().blockSize();
        return m.snapshots().stream().map(s -> Views.snapshot(s, bs, clock.instant())).toList();
    }

    private SnapshotTaken create(String fs, SnapshotRequest r) throws IOException {
        LiveSnapshot s = node.createSnapshot(fs, r == null ? null : r.name());
        int bs = node.requireFileSystem(fs).volume().info().blockSize();
        return new SnapshotTaken(Views.snapshot(s.snapshot(), bs, clock.instant()), s.pause().toNanos() / 1e6, null);
    }

    private SnapshotTaken writable(String fs, SnapshotRequest r) throws IOException {
        MountedFileSystem m = node.requireFileSystem(fs);
        SnapshotInfo s = m.createWritable(required(r.base(), "base"), required(r.name(), "name"));
        ShareView share = null;
        if (r.share() != null) {
            share = Views.share(node.addShare(new ShareDefinition(r.share(), fs, "/", false, false,
                    m.config().caseHandling(), s.name())));
        }
        return new SnapshotTaken(Views.snapshot(s, m.volume().info().blockSize(), clock.instant()), 0, share);
    }

    private SnapshotView refresh(String fs, String name, SnapshotRequest r) throws IOException {
        MountedFileSystem m = node.requireFileSystem(fs);
        m.refresh(name, r == null ? null : r.from());
        SnapshotInfo s = m.snapshots().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return Views.snapshot(s, m.volume().info().blockSize(), clock.instant());
    }

    private ShareDefinition addShare(ShareView v) throws IOException {
        MountedFileSystem m = node.requireFileSystem(required(v.filesystem(), "filesystem"));
        CaseHandling ch = m.config().caseHandling();
        return node.addShare(new ShareDefinition(required(v.name(), "name"), v.filesystem(),
                v.path() == null ? "/" : v.path(), Boolean.TRUE.equals(v.readOnly()), Boolean.TRUE.equals(v.encrypt()),
                ch, v.snapshot(), Boolean.TRUE.equals(v.continuouslyAvailable())));
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(400, "the request body needs \"" + field + "\"");
        }
        return value;
    }
}
