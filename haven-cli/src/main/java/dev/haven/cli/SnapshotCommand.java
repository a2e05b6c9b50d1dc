package dev.haven.cli;

import dev.haven.volume.Restore;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code haven snapshot}: read-only and writable snapshots of a volume, refresh, restore and delete. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Manage snapshots of a volume; a snapshot is addressed as PATH@NAME.",
        subcommands = CommandLine.HelpCommand.class)
final class SnapshotCommand implements Runnable {
    private static final int BAR = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a snapshot command is required (create, list, writable, refresh, restore, delete)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Take a read-only snapshot; prints its name.")
    int create(@Parameters(paramLabel = "PATH") String path,
            @Option(names = "--name", paramLabel = "NAME", description = "Name (default: snap-<UTC timestamp>).")
            String name) throws IOException {
        try (Volume v = open(path)) {
            out().println(v.createSnapshot(name).name());
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List snapshots: name, kind (ro/rw), base, created, blocks held.")
    int list(@Parameters(paramLabel = "PATH") String path) throws IOException {
        try (Volume v = open(path)) {
            printTable(out(), v.snapshots());
        }
        return 0;
    }

    @Command(name = "writable", mixinStandardHelpOptions = true,
            description = "Make a writable snapshot based on read-only snapshot BASE; prints its name.")
    int writable(@Parameters(index = "0", paramLabel = "PATH") String path,
            @Parameters(index = "1", paramLabel = "BASE") String base,
            @Option(names = "--name", required = true, paramLabel = "NAME") String name) throws IOException {
        try (Volume v = open(path)) {
            out().println(v.createWritable(base, name).name());
        }
        return 0;
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Drop a writable snapshot's changes and re-base it on a fresh snapshot of production "
                    + "(or on --from SNAP), keeping its name.")
    int refresh(@Parameters(index = "0", paramLabel = "PATH") String path,
            @Parameters(index = "1", paramLabel = "NAME") String name,
            @Option(names = "--from", paramLabel = "SNAP") String from) throws IOException {
        try (Volume v = open(path)) {
            v.refresh(name, from);
            String base = v.snapshots().stream().filter(s -> s.name().equals(name)).findFirst()
                    .map(SnapshotInfo::baseOrNull).orElse("?");
            out().printf("refreshed %s (base %s)%n", name, base);
        }
        return 0;
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore production from a snapshot; production is usable at once, this waits for the "
                    + "background copy and shows its progress.")
    int restore(@Parameters(paramLabel = "PATH") String path,
            @Option(names = "--from", required = true, paramLabel = "NAME") String from) throws IOException {
        try (Volume v = open(path)) {
            Restore pending = v.currentRestore();
            // A restore interrupted by a crash resumes; asking for the same one again waits for it.
            Restore r = pending != null && pending.source().equals(from) ? pending : v.restore(from);
            boolean terminal = System.console() != null;
            PrintWriter out = out();
            long lastPercent = -1;
            boolean done = false;
            while (!done) {
                done = r.step(4096);
                RestoreProgress p = r.progress();
                long percent = Math.round(p.fraction() * 100);
                if (terminal) {
                    int filled = (int) (p.fraction() * BAR);
                    out.printf("\r[%s%s] %3d%% %d/%d blocks", "#".repeat(filled), " ".repeat(BAR - filled), percent,
                            p.done(), p.total());
                    out.flush();
                } else if (percent != lastPercent) {
                    out.printf("restore from %s: %d/%d blocks (%d%%)%n", from, p.done(), p.total(), percent);
                }
                lastPercent = percent;
            }
            if (terminal) {
                out.println();
            }
            out.printf("restored %s from %s%n", path, from);
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a snapshot and reclaim its save-volume space.")
    int delete(@Parameters(index = "0", paramLabel = "PATH") String path,
            @Parameters(index = "1", paramLabel = "NAME") String name) throws IOException {
        try (Volume v = open(path)) {
            v.delete(name);
            out().printf("deleted %s%n", name);
        }
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

    private Volume open(String path) throws IOException {
        return VolumeCommand.open(VolumeCommand.production(spec.commandLine(), path));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
