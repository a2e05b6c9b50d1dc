package dev.haven.node;

import dev.haven.files.FileKey;
import dev.haven.files.lock.ByteRangeLock;
import dev.haven.block.FileBlockDevice;
import dev.haven.files.durable.OpenStore;
import dev.haven.files.lease.ExecutorBreakScheduler;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import dev.haven.files.service.Share;
import dev.haven.files.share.ShareModeTable;
import dev.haven.files.snapshot.SnapshotCatalog;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.server.PersistentHandles;
import dev.haven.smb.server.ShareConfig;
import dev.haven.smb.server.SmbServer;
import dev.haven.smb.server.SmbServerConfig;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running virtual file server: its mounted file systems, the file service over them, and one
 * SMB listener per listen address. Close order: stop the listeners (no new connections,
 * in-flight requests finish, their opens close), then the file systems in
 * reverse mount order (each synced, then its volume closed).
 */
public final class VirtualServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(VirtualServer.class.getName());
    private static final int OPEN_STORE_BLOCK_SIZE = 4096;
    /** 4,096 persistent opens per virtual server (two slots of {@link OpenStore#SLOT_BLOCKS} blocks each). */
    private static final long OPEN_STORE_BLOCKS = 4096L * 2 * OpenStore.SLOT_BLOCKS;

    private final VirtualServerConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<MountedFileSystem> mounted = new ArrayList<>();
    private final ByteRangeLocks locks = new ByteRangeLocks();
    /** Where the persistent opens of its continuously available shares are kept across restarts. */
    private final OpenStore openStore;
    /** One file service per virtual server: its opens, share modes and locks span its shares. */
    private final FileService files;
    private VirtualServerState state = VirtualServerState.CREATED;
    private final List<SmbServer> listeners = new ArrayList<>();
    private final SessionTable sessions;
    /** The shares served now, by definition; guarded by {@link #lock}. */
    private final Map<ShareDefinition, Share> served = new LinkedHashMap<>();
    /**
     * The previous versions of each share on a live file system; closed with their share, or
     * after the listeners and before the file systems; guarded by {@link #lock}.
     */
    private final Map<ShareDefinition, SnapshotCatalog> previousVersions = new LinkedHashMap<>();

    private VirtualServer(VirtualServerConfig config, SessionTable sessions, OpenStore openStore) {
        this.config = config;
        this.sessions = sessions;
        this.openStore = openStore;
        this.files = new FileService(new ShareModeTable(), locks, Clock.systemUTC(),
                new ExecutorBreakScheduler(Clock.systemUTC()), openStore);
    }

    /**
     * The store of persistent opens, {@code opens/NAME.store} in the data directory: a sparse file
     * of {@link #OPEN_STORE_BLOCKS} blocks, created (and its directory synced) on first start.
     */
    private static OpenStore openStore(DataDirectory dir, String name) throws IOException {
        Path path = dir.resolve("opens").resolve(name + ".store");
        if (Files.exists(path)) {
            return OpenStore.open(FileBlockDevice.open(path, OPEN_STORE_BLOCK_SIZE, false));
        }
        Files.createDirectories(path.getParent());
        FileBlockDevice device = FileBlockDevice.create(path, OPEN_STORE_BLOCK_SIZE, OPEN_STORE_BLOCKS);
        try (FileChannel d = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        }
        return OpenStore.open(device);
    }

    /** Mounts the file systems of {@code config}, checks the shares, and starts listening. */
    static VirtualServer start(VirtualServerConfig config, NodeConfig node, DataDirectory dir, UserDirectory users,
            Clock clock, NodeMetrics metrics) throws IOException, InterruptedException {
        VirtualServer vs = new VirtualServer(config, new SessionTable(config.name(), metrics, clock),
                openStore(dir, config.name()));
        vs.move(VirtualServerState.STARTING);
        try {
            List<ShareConfig> shares = new ArrayList<>();
            for (FileSystemConfig fsc : node.fileSystemsOf(config.name())) {
                MountedFileSystem m = MountedFileSystem.open(fsc, dir.resolve(fsc.volume()), clock);
                vs.mounted.add(m);
                LOG.log(Level.INFO, "virtual server {0}: mounted filesystem {1} (id {2}) from {3}", config.name(),
                        fsc.name(), m.fs().fsId(), fsc.volume());
                for (ShareDefinition share : node.sharesOn(fsc.name())) {
                    shares.add(vs.serve(m, share));
                }
            }
            ServerIdentity identity = new ServerIdentity(node.serverName().toUpperCase(Locale.ROOT),
                    node.domain().toUpperCase(Locale.ROOT), node.serverName().toLowerCase(Locale.ROOT), "");
            SmbServerConfig smbConfig = new SmbServerConfig(users, identity, shares, clock, config.requireSigning(),
                    config.encryptData(), SmbServerConfig.DEFAULT_MAX_FRAME_SIZE, vs.files)
                    .withAnonymous(config.anonymous());
            vs.restorePersistentOpens();
            for (String address : config.listen()) {
                SmbServer listener = SmbServer.start(smbConfig, vs.sessions, address, config.port());
                vs.listeners.add(listener);
                LOG.log(Level.INFO, "virtual server {0}: SMB listening on {1}", config.name(), listener.address());
            }
            vs.move(VirtualServerState.RUNNING);
            return vs;
        } catch (IOException | InterruptedException | RuntimeException e) {
            vs.move(VirtualServerState.FAILED);
            try {
                vs.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Mounts what {@code share} serves and makes its file-service share. */
    private ShareConfig serve(MountedFileSystem m, ShareDefinition share) throws IOException {
        HavenFs fs = share.snapshotOrNull() == null ? m.fs() : m.mountSnapshot(share.snapshotOrNull());
        try {
            Share storage = new Share(share.name(), fs, shareRoot(fs, m, share), share.readOnly() || fs.isReadOnly());
            // A share on the live file system shows its volume's read-only snapshots as previous versions.
            SnapshotCatalog versions = share.snapshotOrNull() != null ? null
                    : new SnapshotCatalog(storage, new VolumeSnapshots(m.volume()), m.clock());
            lock.lock();
            try {
                served.put(share, storage);
                if (versions != null) {
                    previousVersions.put(share, versions);
                }
            } finally {
                lock.unlock();
            }
            return new ShareConfig(storage, share.encryptRequired(), versions)
                    .withContinuousAvailability(share.continuouslyAvailable());
        } catch (IOException | RuntimeException e) {
            if (share.snapshotOrNull() != null) {
                m.releaseSnapshot(share.snapshotOrNull());
            }
            throw e;
        }
    }

    /**
     * Before the first listener accepts a client: every persistent open the store kept is open
     * again, with its share mode, locks and caching, and waits for its owner ([MS-SMB2] 3.3.7.1),
     * so no other client can slip in between the restart and the owner's reconnect.
     */
    private void restorePersistentOpens() {
        Map<String, Share> byName = new LinkedHashMap<>();
        lock.lock();
        try {
            served.values().forEach(s -> byName.put(s.name(), s));
        } finally {
            lock.unlock();
        }
        int kept = openStore.size();
        int restored = files.persistent().restore(byName::get,
                Map.of(PersistentHandles.PROTOCOL, new PersistentHandles()));
        if (kept > 0) {
            LOG.log(Level.INFO, "virtual server {0}: {1} of {2} persistent opens re-established from {3}", config.name(),
                    restored, kept, openStore);
        }
    }

    /** Starts serving {@code share} on every listener (the caller checked that the name is free). */
    void addShare(ShareDefinition share) throws IOException {
        MountedFileSystem m = fileSystem(share.fileSystem()).orElseThrow(() -> new IllegalArgumentException(
                "virtual server " + config.name() + " has no filesystem " + share.fileSystem()));
        ShareConfig sc = serve(m, share);
        for (SmbServer listener : listeners) {
            listener.addShare(sc);
        }
        LOG.log(Level.INFO, "virtual server {0}: serving share {1} from {2}", config.name(), share.name(),
                share.source());
    }

    /** Stops offering {@code share} to new tree connects and unmounts its snapshot when no share needs it. */
    void removeShare(ShareDefinition share) throws IOException {
        for (SmbServer listener : listeners) {
            listener.removeShare(share.name());
        }
        SnapshotCatalog versions;
        lock.lock();
        try {
            served.remove(share);
            versions = previousVersions.remove(share);
        } finally {
            lock.unlock();
        }
        if (versions != null) {
            versions.close();
        }
        if (share.snapshotOrNull() != null) {
            fileSystem(share.fileSystem()).orElseThrow().releaseSnapshot(share.snapshotOrNull());
        }
        LOG.log(Level.INFO, "virtual server {0}: share {1} removed", config.name(), share.name());
    }

    /** Restores file system {@code name} from snapshot {@code from} while clients stay connected. */
    dev.haven.volume.RestoreProgress restore(MountedFileSystem m, String from) throws IOException {
        List<Share> shares;
        lock.lock();
        try {
            shares = List.copyOf(served.values());
        } finally {
            lock.unlock();
        }
        return m.restore(from, files, shares);
    }

    /** The authenticated sessions. */
    public List<SessionInfo> sessions() {
        return sessions.list();
    }

    /** The opens and their byte-range locks. */
    public List<OpenInfo> opens() {
        List<OpenInfo> out = new ArrayList<>();
        for (Open o : files.opens()) {
            FileKey key = o.key();
            List<String> held = locks.locksOf(key).stream().filter(l -> l.open().equals(o.id()))
                    .map(VirtualServer::describe).toList();
            out.add(new OpenInfo(config.name(), o.share().name(), o.name(), o.fileId().inode(), o.isDirectory(),
                    held));
        }
        return out;
    }

    private static String describe(ByteRangeLock l) {
        return l.range() + (l.exclusive() ? " x" : "");
    }

    /** The file service of this virtual server. */
    public FileService files() {
        return files;
    }

    /** The inode of the share's directory; a share on a missing directory stops start-up. */
    private static long shareRoot(HavenFs fs, MountedFileSystem m, ShareDefinition share) throws IOException {
        Inode dir;
        try {
            dir = fs.resolve(share.path());
        } catch (FsException e) {
            throw new IOException("share " + share.name() + ": cannot find " + share.path() + " in filesystem "
                    + m.config().name() + ": " + e.getMessage(), e);
        }
        if (!dir.isDirectory()) {
            throw new IOException("share " + share.name() + ": " + share.path() + " in filesystem "
                    + m.config().name() + " is not a directory");
        }
        return dir.id();
    }

    private void move(VirtualServerState to) {
        lock.lock();
        try {
            state = state.moveTo(to);
        } finally {
            lock.unlock();
        }
    }

    /** Its configuration (with command-line overrides applied). */
    public VirtualServerConfig config() {
        return config;
    }

    /** Where the first SMB listener is bound (the real port when the configuration said 0). */
    public InetSocketAddress smbAddress() {
        return listeners.get(0).address();
    }

    /** Where every SMB listener is bound, in configuration order. */
    public List<InetSocketAddress> smbAddresses() {
        return listeners.stream().map(SmbServer::address).toList();
    }

    /** The current lifecycle state. */
    public VirtualServerState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Its mounted file systems, in configuration order. */
    public List<MountedFileSystem> fileSystems() {
        return List.copyOf(mounted);
    }

    /** The mounted file system called {@code name}. */
    public Optional<MountedFileSystem> fileSystem(String name) {
        return mounted.stream().filter(m -> m.config().name().equals(name)).findFirst();
    }

    /** Commits the file systems' due changes; called by the node's periodic tick. */
    void tick() {
        for (MountedFileSystem m : mounted) {
            try {
                m.tick();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "filesystem " + m.config().name() + ": periodic commit failed", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (state == VirtualServerState.STOPPED || state == VirtualServerState.STOPPING) {
                return;
            }
            state = state.moveTo(state == VirtualServerState.CREATED ? VirtualServerState.STOPPED
                    : VirtualServerState.STOPPING);
        } finally {
            lock.unlock();
        }
        IOException failure = null;
        // What the stop closes of persistent opens stays in the store for the next start.
        files.persistent().detach();
        for (SmbServer listener : listeners) {
            listener.close();
        }
        lock.lock();
        try {
            previousVersions.values().forEach(SnapshotCatalog::close);
            previousVersions.clear();
        } finally {
            lock.unlock();
        }
        for (int i = mounted.size() - 1; i >= 0; i--) {
            try {
                mounted.get(i).close();
            } catch (IOException e) {
                LOG.log(Level.ERROR, "filesystem " + mounted.get(i).config().name() + ": close failed", e);
                failure = failure == null ? e : failure;
            }
        }
        try {
            openStore.close();
        } catch (IOException e) {
            LOG.log(Level.ERROR, openStore + ": close failed", e);
            failure = failure == null ? e : failure;
        }
        if (state() == VirtualServerState.STOPPING) {
            move(VirtualServerState.STOPPED);
        }
        LOG.log(Level.INFO, "virtual server {0}: stopped", config.name());
        if (failure != null) {
            throw failure;
        }
    }
}
