package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.ShareView;
import dev.haven.admin.client.AdminClient;
import dev.haven.node.ConfigException;
import dev.haven.node.FileSystemConfig;
import dev.haven.node.ShareConfigs;
import dev.haven.node.ShareDefinition;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code haven share}: add, list and delete shares (at once on a running node; in haven.conf offline). */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Manage shares: a running node serves a new share at once; offline, haven.conf is edited.",
        subcommands = CommandLine.HelpCommand.class)
final class ShareCommand implements Runnable {
    private static final TypeReference<List<ShareView>> VIEWS = new TypeReference<>() { };
    private static final TypeReference<ShareView> VIEW = new TypeReference<>() { };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a share command is required (add, list, delete)");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Share a directory of FS, or of its snapshot FS@SNAP (a writable snapshot is served read-write).")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--fs", required = true, paramLabel = "FS[@SNAP]") String source,
            @Option(names = "--path", paramLabel = "DIR", defaultValue = "/",
                    description = "Directory inside the file system (default: ${DEFAULT-VALUE}).") String path,
            @Option(names = "--read-only", description = "Refuse every change.") boolean readOnly,
            @Option(names = "--continuously-available", description = "SMB 3 handles survive a restart of the node "
                    + "(persistent handles); every change is stable before it is answered.") boolean ca,
            @Mixin DataOption data) throws IOException, ConfigException {
        int at = source.indexOf('@');
        String fs = at < 0 ? source : source.substring(0, at);
        String snap = at < 0 ? null : source.substring(at + 1);
        Optional<AdminClient> api = NodeAccess.running(data.data);
        if (api.isPresent()) {
            ShareView v = api.get().post("/shares", new ShareView(name, fs, snap, path, readOnly, false, ca), VIEW);
            out().printf("serving share %s from %s%n", v.name(), source);
            return 0;
        }
        try (NodeAccess.Offline o = NodeAccess.Offline.open(data.data)) {
            FileSystemConfig fsc = o.fileSystem(fs);
            if (snap != null) {
                try (Volume v = o.volume(fs)) {
                    if (v.snapshots().stream().noneMatch(s -> s.name().equals(snap))) {
                        throw new IllegalArgumentException("no snapshot named " + snap + " in filesystem " + fs);
                    }
                }
            }
            ShareConfigs.add(o.dir(), new ShareDefinition(name, fs, path, readOnly, false, fsc.caseHandling(), snap, ca));
        }
        out().printf("added share %s (served from %s at the next start)%n", name, source);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shares.")
    int list(@Mixin DataOption data) throws IOException {
        Optional<AdminClient> api = NodeAccess.running(data.data);
        List<ShareView> shares;
        if (api.isPresent()) {
            shares = api.get().get("/shares", VIEWS);
        } else {
            try (NodeAccess.Offline o = NodeAccess.Offline.open(data.data)) {
                shares = o.config().shares().stream().map(ShareCommand::view).toList();
            }
        }
        String format = "%-20s %-32s %-24s %s%n";
        out().printf(format, "NAME", "SERVES", "PATH", "ACCESS");
        for (ShareView s : shares) {
            out().printf(format, s.name(), s.filesystem() + (s.snapshot() == null ? "" : "@" + s.snapshot()), s.path(),
                    (Boolean.TRUE.equals(s.readOnly()) ? "read-only" : "read-write")
                            + (Boolean.TRUE.equals(s.continuouslyAvailable()) ? ", continuously available" : ""));
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Stop serving a share (connected clients keep it until they disconnect).")
    int delete(@Parameters(paramLabel = "NAME") String name, @Mixin DataOption data) throws IOException, ConfigException {
        Optional<AdminClient> api = NodeAccess.running(data.data);
        if (api.isPresent()) {
            api.get().delete("/shares/" + AdminClient.segment(name));
        } else {
            try (NodeAccess.Offline o = NodeAccess.Offline.open(data.data)) {
                ShareConfigs.delete(o.dir(), name);
            }
        }
        out().printf("deleted share %s%n", name);
        return 0;
    }

    private static ShareView view(ShareDefinition d) {
        return new ShareView(d.name(), d.fileSystem(), d.snapshotOrNull(), d.path(), d.readOnly(), d.encryptRequired(),
                d.continuouslyAvailable());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
