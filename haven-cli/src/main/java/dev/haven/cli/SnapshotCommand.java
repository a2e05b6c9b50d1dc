package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.RestoreView;
import dev.haven.admin.api.SnapshotRequest;
import dev.haven.admin.api.SnapshotTaken;
import dev.haven.admin.api.SnapshotView;
import dev.haven.admin.client.AdminClient;
import dev.haven.volume.Restore;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code haven snapshot}: read-only and writable snapshots, refresh, restore and delete, of a
 * node's file system FS ({@code --data DIR}: through the running node's admin API, or offline
 * when none runs) or of a volume directory PATH (offline; refused while a node holds it).
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Manage snapshots of a file system FS of the node in --data DIR (through its admin API when "
                + "it runs), or of a volume directory PATH (offline).",
            "FS is taken as a PATH when it contains '/' or names an existing directory and --data is not given."},
        subcommands = CommandLine.HelpCommand.class)
final class SnapshotCommand implements Runnable {
    private static final int BAR = 40;
    private static final TypeReference<SnapshotTaken> TAKEN = new TypeReference<>() { };
    private static final TypeReference<SnapshotView> VIEW = new TypeReference<>() { };
    private static final TypeReference<List<SnapshotView>> VIEWS = new TypeReference<>() { };
    private static final TypeReference<RestoreView> RESTORE = new TypeReference<>() { };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a snapshot command is required (create, list, writable, refresh, restore, delete)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Take a read-only snapshot (of a live file system: freeze, snapshot, thaw); prints its name.")
    int create(@Parameters(paramLabel = "FS|PATH") String subject,
            @Option(names = "--name", paramLabel = "NAME", description = "Name (default: snap-<UTC timestamp>).")
            String name,
            @Option(names = "--data", paramLabel = "DIR") Path data) throws IOException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            SnapshotTaken t = api.get().post(s.fsPath("/snapshots"), new SnapshotRequest(name, null, null, null), TAKEN);
            out().println(t.snapshot().name());
            out().printf("(changes paused %.1f ms)%n", t.pauseMillis());
            return 0;
        }
        return s.offline(v -> out().println(v.createSnapshot(name).name()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List snapshots: name, kind (ro/rw), base, created, blocks or bytes held.")
    int list(@Parameters(paramLabel = "FS|PATH") String subject, @Option(names = "--data", paramLabel = "DIR") Path data)
            throws IOException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            String format = "%-32s %-4s %-32s %-24s %s%n";
            out().printf(format, "NAME", "KIND", "BASE", "CREATED", "HELD");
            for (SnapshotView v : api.get().get(s.fsPath("/snapshots"), VIEWS)) {
                out().printf(format, v.name(), v.kind(), v.base() == null ? "-" : v.base(), v.created(),
                        v.heldBytes() + " bytes");
            }
            return 0;
        }
        return s.offline(v -> printTable(out(), v.snapshots()));
    }

    @Command(name = "writable", mixinStandardHelpOptions = true,
            description = "Make a writable snapshot based on read-only snapshot BASE; prints its name.")
    int writable(@Parameters(index = "0", paramLabel = "FS|PATH") String subject,
            @Parameters(index = "1", paramLabel = "BASE") String base,
            @Option(names = "--name", required = true, paramLabel = "NAME") String name,
            @Option(names = "--share", paramLabel = "SHARE",
                    description = "Also serve it, read-write, as this share (running node only).") String share,
            @Option(names = "--data", paramLabel = "DIR") Path data) throws IOException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            SnapshotTaken t = api.get().post(s.fsPath("/writable"), new SnapshotRequest(name, base, null, share),
                    TAKEN);
            out().println(t.snapshot().name());
            if (t.share() != null) {
                out().printf("serving it read-write as share %s%n", t.share().name());
            }
            return 0;
        }
        if (share != null) {
            throw new IllegalArgumentException("--share needs a running node (or add it later with 'haven share add "
                    + share + " --fs " + subject + "@" + name + "')");
        }
        return s.offline(v -> out().println(v.createWritable(base, name).name()));
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Drop a writable snapshot's changes and re-base it on a fresh snapshot of production "
                    + "(or on --from SNAP), keeping its name.")
    int refresh(@Parameters(index = "0", paramLabel = "FS|PATH") String subject,
            @Parameters(index = "1", paramLabel = "NAME") String name,
            @Option(names = "--from", paramLabel = "SNAP") String from,
            @Option(names = "--data", paramLabel = "DIR") Path data) throws IOException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            SnapshotView v = api.get().post(s.fsPath("/snapshots/" + AdminClient.segment(name) + "/refresh"),
                    new SnapshotRequest(null, null, from, null), VIEW);
            out().printf("refreshed %s (base %s)%n", name, v.base());
            return 0;
        }
        return s.offline(v -> {
            v.refresh(name, from);
            String b = v.snapshots().stream().filter(x -> x.name().equals(name)).findFirst()
                    .map(SnapshotInfo::baseOrNull).orElse("?");
            out().printf("refreshed %s (base %s)%n", name, b);
        });
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore production from a snapshot; production is usable at once (a running node's clients "
                    + "stay connected), this waits for the background copy and shows its progress.")
    int restore(@Parameters(paramLabel = "FS|PATH") String subject,
            @Option(names = "--from", required = true, paramLabel = "NAME") String from,
            @Option(names = "--data", paramLabel = "DIR") Path data) throws IOException, InterruptedException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            RestoreView p = api.get().post(s.fsPath("/restore"), new SnapshotRequest(null, null, from, null), RESTORE);
            Progress bar = new Progress(out(), from);
            while (p != null && !p.finished()) {
                bar.show(p.done(), p.total());
                Thread.sleep(200); // polling the node's background copy; a CLI wait, not a test
                p = api.get().get(s.fsPath("/restore"), RESTORE);
            }
            bar.done();
            out().printf("restored %s from %s%n", subject, from);
            return 0;
        }
        return s.offline(v -> {
            Restore pending = v.currentRestore();
            // A restore interrupted by a crash resumes; asking for the same one again waits for it.
            Restore r = pending != null && pending.source().equals(from) ? pending : v.restore(from);
            Progress bar = new Progress(out(), from);
            boolean finished = false;
            while (!finished) {
                finished = r.step(4096);
                RestoreProgress p = r.progress();
                bar.show(p.done(), p.total());
            }
            bar.done();
            out().printf("restored %s from %s%n", subject, from);
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a snapshot and reclaim its save-volume space.")
    int delete(@Parameters(index = "0", paramLabel = "FS|PATH") String subject,
            @Parameters(index = "1", paramLabel = "NAME") String name,
            @Option(names = "--data", paramLabel = "DIR") Path data) throws IOException {
        Subject s = Subject.of(spec.commandLine(), subject, data);
        Optional<AdminClient> api = s.api();
        if (api.isPresent()) {
            api.get().delete(s.fsPath("/snapshots/" + AdminClient.segment(name)));
        } else {
            s.offline(v -> v.delete(name));
        }
        out().printf("deleted %s%n", name);
        return 0;
    }

    static void printTable(PrintWriter out, List<SnapshotInfo> snapshots) {
        String format = "%-32s %-4s %-32s %-24s %s%n";
        out.printf(format, "NAME", "KIND", "BASE", "CREATED", "BLOCKS");
        for (SnapshotInfo s : snapshots) {
            out.printf(format, s.name(), s.kind().shortName(), s.baseOrNull() == null ? "-" : s.baseOrNull(),
                    s.created(), s.blocksHeld());
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** What an offline command does with the volume. */
    private interface VolumeWork {
        void run(Volume v) throws IOException;
    }

    /**
     * What a snapshot command names: file system FS of the node in a data directory, or a volume
     * directory PATH (when FS contains '/' or names an existing directory and --data is absent).
     */
    private record Subject(String fs, Path data, Path volumeOrNull) {
        static Subject of(CommandLine cl, String subject, Path data) {
            if (data == null && (subject.contains("/") || Files.isDirectory(Path.of(subject)))) {
                return new Subject(null, null, VolumeCommand.production(cl, subject));
            }
            if (subject.contains("@") || subject.contains("/")) {
                throw new CommandLine.ParameterException(cl, "expected a file system name here, not " + subject);
            }
            return new Subject(subject, data == null ? Path.of("haven-data") : data, null);
        }

        Optional<AdminClient> api() throws IOException {
            return volumeOrNull != null ? Optional.empty() : NodeAccess.running(data);
        }

        String fsPath(String rest) {
            return "/filesystems/" + AdminClient.segment(fs) + rest;
        }

        int offline(VolumeWork work) throws IOException {
            if (volumeOrNull != null) {
                try (Volume v = VolumeCommand.open(volumeOrNull)) {
                    work.run(v);
                }
                return 0;
            }
            try (NodeAccess.Offline o = NodeAccess.Offline.open(data); Volume v = o.volume(fs)) {
                work.run(v);
            }
            return 0;
        }
    }

    /** A progress bar on a terminal, one line per percent otherwise. */
    private static final class Progress {
        private final PrintWriter out;
        private final String from;
        private final boolean terminal = System.console() != null;
        private long lastPercent = -1;

        Progress(PrintWriter out, String from) {
            this.out = out;
            this.from = from;
        }

        void show(long done, long total) {
            double fraction = total == 0 ? 1.0 : (double) done / total;
            long percent = Math.round(fraction * 100);
            if (terminal) {
                int filled = (int) (fraction * BAR);
                out.printf("\r[%s%s] %3d%% %d/%d blocks", "#".repeat(filled), " ".repeat(BAR - filled), percent, done,
                        total);
                out.flush();
            } else if (percent != lastPercent) {
                out.printf("restore from %s: %d/%d blocks (%d%%)%n", from, done, total, percent);
            }
            lastPercent = percent;
        }

        void done() {
            if (terminal) {
                out.println();
            }
        }
    }
}
