package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.FileSystemView;
import dev.haven.admin.client.AdminClient;
import dev.haven.block.BlockDevice;
import dev.haven.fs.CreateAttributes;
import dev.haven.fs.DirEntry;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.FsCheck;
import dev.haven.fs.FsError;
import dev.haven.fs.FsException;
import dev.haven.fs.FsckReport;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.fs.MountOptions;
import dev.haven.fs.NodeType;
import dev.haven.node.FileSystemConfig;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeInfo;
import dev.haven.volume.VolumeAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code haven fs}: format, check and use the HavenFS of a volume (PATH) or of a snapshot
 * (PATH@SNAP). Changes to PATH@SNAP work on a writable snapshot and are refused on a read-only one.
 */
@Command(name = "fs", mixinStandardHelpOptions = true,
        description = "Format, check and use the HavenFS file system on a volume (PATH) or snapshot (PATH@SNAP).",
        subcommands = CommandLine.HelpCommand.class)
final class FsCommand implements Runnable {
    private static final int CHUNK = 1 << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "an fs command is required (format, check, ls, put, get, mkdir, rm, mv)");
    }

    @Command(name = "format", mixinStandardHelpOptions = true, description = "Write a new, empty file system.")
    int format(@Parameters(paramLabel = "PATH[@SNAP]") String address,
            @Option(names = "--case-insensitive", description = "Match names case-insensitively (case preserved), as SMB clients expect.")
            boolean caseInsensitive) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, true)) {
            try (HavenFs fs = HavenFs.format(t.device, new FormatOptions(caseInsensitive, Clock.systemUTC()))) {
                long fsBytes = fs.statfs().totalBlocks() * fs.blockSize();
                out().printf("formatted %s: file system %s, %d blocks of %d bytes%s%n", address, fs.fsId(),
                        fs.statfs().totalBlocks(), fs.blockSize(), caseInsensitive ? ", case-insensitive" : "");
                if (fsBytes < t.device.sizeBytes()) {
                    // HavenFS addresses at most 2^31 - 2 blocks; say so rather than leave the rest unused silently.
                    out().printf("note: the file system uses %d of the volume's %d bytes (HavenFS's limit is %d blocks)%n",
                            fsBytes, t.device.sizeBytes(), Integer.MAX_VALUE - 1);
                }
            }
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the file systems of the node in --data DIR: size, use, snapshots.")
    int list(@CommandLine.Mixin DataOption data) throws IOException {
        Optional<AdminClient> api = NodeAccess.running(data.data);
        String format = "%-16s %-16s %14s %14s %14s %9s%n";
        out().printf(format, "NAME", "VIRTUAL-SERVER", "SIZE", "USED", "FREE", "SNAPSHOTS");
        if (api.isPresent()) {
            for (FileSystemView f : api.get().get("/filesystems", new TypeReference<List<FileSystemView>>() { })) {
                out().printf(format, f.name(), f.virtualServer(), f.sizeBytes(), f.usedBytes(), f.freeBytes(),
                        f.snapshots());
            }
            return 0;
        }
        try (NodeAccess.Offline o = NodeAccess.Offline.open(data.data)) {
            for (FileSystemConfig f : o.config().fileSystems()) {
                try (Volume v = o.volume(f.name())) {
                    VolumeInfo i = v.info();
                    // Offline, the volume's figures: the file system is not mounted to count its free space.
                    out().printf(format, f.name(), f.virtualServer(), i.sizeBytes(), i.usedBlocks() * i.blockSize(), "-",
                            i.snapshots());
                }
            }
        }
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify every invariant of the file system; exit 0 when clean, 1 otherwise.")
    int check(@Parameters(paramLabel = "PATH[@SNAP]") String address) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, false)) {
            FsckReport r = FsCheck.check(t.device);
            for (String p : r.problems()) {
                out().println(p);
            }
            out().printf("%s: %s%n", address, r.isClean() ? "clean" : r.problems().size() + " problem(s)");
            out().printf("commit %d, %d inodes, %d blocks used%n", r.seq(), r.inodes(), r.usedBlocks());
            return r.isClean() ? 0 : ErrorHandler.FAILURE;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a directory (default: the root).")
    int ls(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "DIR", defaultValue = "/") String dir) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, false); HavenFs fs = t.mount(false)) {
            Inode d = fs.resolve(dir);
            if (!d.isDirectory()) {
                throw new FsException(FsError.NOT_A_DIRECTORY, dir);
            }
            for (DirEntry e : fs.listAll(d.id())) {
                Inode i = fs.attributes(e.inode());
                out().printf("%s %12d %s%s%n", kind(i.type()), i.size(), e.name(),
                        i.type() == NodeType.SYMLINK ? " -> " + fs.readSymlink(i.id()) : "");
            }
        }
        return 0;
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Copy a local file in (creates or overwrites).")
    int put(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "LOCALFILE") Path local,
            @Parameters(index = "2", paramLabel = "REMOTEPATH") String remote) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, true); HavenFs fs = t.mount(true);
             FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            Parent p = Parent.of(fs, remote);
            long ino = existingOrNew(fs, p);
            fs.truncate(ino, 0);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long off = 0;
            while (in.read(buf.clear()) > 0) {
                buf.flip();
                int n = buf.remaining();
                fs.write(ino, off, buf);
                off += n;
            }
            fs.flush(ino);
            out().printf("put %s (%d bytes)%n", remote, off);
        }
        return 0;
    }

    private static long existingOrNew(HavenFs fs, Parent p) throws FsException {
        try {
            return fs.lookup(p.dir, p.name).id();
        } catch (FsException e) {
            if (e.error() != FsError.NOT_FOUND) {
                throw e;
            }
            return fs.createFile(p.dir, p.name, CreateAttributes.DEFAULT).id();
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Copy a file out to a local file.")
    int get(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "REMOTEPATH") String remote,
            @Parameters(index = "2", paramLabel = "LOCALFILE") Path local) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, false); HavenFs fs = t.mount(false);
             FileChannel outFile = FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long ino = fs.resolve(remote).id();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long off = 0;
            int n;
            while ((n = fs.read(ino, off, buf.clear())) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    outFile.write(buf);
                }
                off += n;
            }
            out().printf("got %s (%d bytes)%n", remote, off);
        }
        return 0;
    }

    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create a directory.")
    int mkdir(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "REMOTEDIR") String remote) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, true); HavenFs fs = t.mount(true)) {
            Parent p = Parent.of(fs, remote);
            fs.createDirectory(p.dir, p.name, new CreateAttributes(0755, 0, 0, 0));
        }
        return 0;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a file or an empty directory.")
    int rm(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "REMOTEPATH") String remote) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, true); HavenFs fs = t.mount(true)) {
            Parent p = Parent.of(fs, remote);
            if (fs.lookup(p.dir, p.name).isDirectory()) {
                fs.removeDirectory(p.dir, p.name);
            } else {
                fs.unlink(p.dir, p.name);
            }
        }
        return 0;
    }

    @Command(name = "mv", mixinStandardHelpOptions = true, description = "Rename or move (replaces an existing file).")
    int mv(@Parameters(index = "0", paramLabel = "PATH[@SNAP]") String address,
            @Parameters(index = "1", paramLabel = "FROM") String from,
            @Parameters(index = "2", paramLabel = "TO") String to) throws IOException {
        try (Target t = Target.open(spec.commandLine(), address, true); HavenFs fs = t.mount(true)) {
            Parent a = Parent.of(fs, from);
            Parent b = Parent.of(fs, to);
            fs.rename(a.dir, a.name, b.dir, b.name, true);
        }
        return 0;
    }

    private static String kind(NodeType t) {
        return switch (t) {
            case FILE -> "-";
            case DIRECTORY -> "d";
            case SYMLINK -> "l";
        };
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The directory and last name of a path inside the file system. */
    private record Parent(long dir, String name) {
        static Parent of(HavenFs fs, String path) throws FsException {
            String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
            int slash = p.lastIndexOf('/');
            String parent = slash <= 0 ? "/" : p.substring(0, slash);
            Inode d = fs.resolve(parent);
            if (!d.isDirectory()) {
                throw new FsException(FsError.NOT_A_DIRECTORY, parent);
            }
            return new Parent(d.id(), p.substring(slash + 1));
        }
    }

    /** An open volume and the block device of production or of one snapshot. */
    private static final class Target implements AutoCloseable {
        private final Volume volume;
        final BlockDevice device;
        private final String address;

        private Target(Volume volume, BlockDevice device, String address) {
            this.volume = volume;
            this.device = device;
            this.address = address;
        }

        static Target open(CommandLine cl, String address, boolean write) throws IOException {
            VolumeAddress a;
            try {
                a = VolumeAddress.parse(address);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            Volume v = VolumeCommand.open(a.path());
            try {
                BlockDevice d = a.isSnapshot() ? v.view(a.snapshotOrNull()) : v.production();
                if (write && d.isReadOnly()) {
                    throw new FsException(FsError.READ_ONLY, address + " is a read-only snapshot");
                }
                return new Target(v, d, address);
            } catch (IOException | RuntimeException e) {
                v.close();
                throw e;
            }
        }

        HavenFs mount(boolean write) throws FsException {
            return HavenFs.mount(device, write ? MountOptions.DEFAULT : MountOptions.DEFAULT.asReadOnly());
        }

        @Override
        public void close() throws IOException {
            try {
                device.close();
            } finally {
                volume.close();
            }
        }

        @Override
        public String toString() {
            return address;
        }
    }
}
