package dev.haven.cli;

import dev.haven.block.BlockSize;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeAddress;
import dev.haven.volume.VolumeInfo;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code haven volume}: create a block volume and show its size and use. */
@Command(name = "volume", mixinStandardHelpOptions = true,
        description = "Create and inspect block volumes (a volume is a directory: data, save volume, metadata).",
        subcommands = CommandLine.HelpCommand.class)
final class VolumeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a volume command is required (create, info)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a sparse volume.")
    int create(@Parameters(paramLabel = "PATH", description = "Directory to create the volume in.") Path path,
            @Option(names = "--size", required = true, paramLabel = "SIZE", description = "Logical size, e.g. 1G, 16T.")
            String size,
            @Option(names = "--block-size", paramLabel = "SIZE", defaultValue = "4K",
                    description = "Block size, 4K to 64K (default: ${DEFAULT-VALUE}).") String blockSize)
            throws IOException {
        long bytes = BlockSize.parseBytes(size);
        long bs = BlockSize.parseBytes(blockSize);
        if (bs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block size " + blockSize + " is too large (4K to 64K)");
        }
        try (Volume v = Volume.create(path, bytes, (int) bs)) {
            VolumeInfo i = v.info();
            out().printf("created %s: %d bytes in %d blocks of %d bytes%n", path, i.sizeBytes(), i.blockCount(),
                    i.blockSize());
        }
        return 0;
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show size, block size, use, snapshots and save-volume use (PATH@NAME: one snapshot).")
    int info(@Parameters(paramLabel = "PATH[@NAME]") String address) throws IOException {
        VolumeAddress a = VolumeAddress.parse(address);
        try (Volume v = open(a.path())) {
            PrintWriter out = out();
            if (a.isSnapshot()) {
                SnapshotInfo s = v.snapshots().stream().filter(x -> x.name().equals(a.snapshotOrNull())).findFirst()
                        .orElseThrow(() -> new IOException("no snapshot named " + a.snapshotOrNull() + " in "
                                + a.path()));
                SnapshotCommand.printTable(out, java.util.List.of(s));
                return 0;
            }
            VolumeInfo i = v.info();
            out.printf("volume:       %s%n", a.path());
            out.printf("size:         %d bytes%n", i.sizeBytes());
            out.printf("block size:   %d%n", i.blockSize());
            out.printf("blocks:       %d%n", i.blockCount());
            out.printf("used:         %d blocks (not declared free)%n", i.usedBlocks());
            out.printf("snapshots:    %d%n", i.snapshots());
            out.printf("save volume:  %d of %d blocks used%n", i.saveBlocksUsed(), i.saveBlocksTotal());
            out.printf("restore:      %s%n", i.restoreOrNull() == null ? "none"
                    : "from " + i.restoreOrNull().source() + ", " + i.restoreOrNull().done() + "/"
                            + i.restoreOrNull().total() + " blocks");
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Opens the volume at {@code path}; a pending restore is not driven in the background (a CLI call is short). */
    static Volume open(Path path) throws IOException {
        OfflineGuard.refuseIfNodeHolds(path);
        return openUnguarded(path);
    }

    /** Opens a volume whose data directory the caller has locked. */
    static Volume openUnguarded(Path path) throws IOException {
        return Volume.open(path, VolumeOptions.defaults().withoutBackgroundRestore());
    }

    /** The volume path of an address that must name production, not a snapshot. */
    static Path production(CommandLine cl, String address) {
        VolumeAddress a;
        try {
            a = VolumeAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (a.isSnapshot()) {
            throw new CommandLine.ParameterException(cl, "expected a volume PATH here, not the snapshot " + address);
        }
        return a.path();
    }
}
