package dev.haven.node;

import dev.haven.files.service.FileService;
import dev.haven.files.service.Share;
import dev.haven.files.snapshot.SnapshotCatalog;
import dev.haven.fs.FsException;
import dev.haven.fs.Inode;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.server.ShareConfig;
import dev.haven.smb.server.SmbServer;
import dev.haven.smb.server.SmbServerConfig;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private final VirtualServerConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<MountedFileSystem> mounted = new ArrayList<>();
    /** One file service per virtual server: its opens, share modes and locks span its shares. */
    private final FileService files = new FileService();
    private VirtualServerState state = VirtualServerState.CREATED;
    private final List<SmbServer> listeners = new ArrayList<>();
    /** Each share's previous versions; closed after the listeners, before the file systems. */
    private final List<SnapshotCatalog> previousVersions = new ArrayList<>();

    private VirtualServer(VirtualServerConfig config) {
        this.config = config;
    }

    /** Mounts the file systems of {@code config}, checks the shares, and starts listening. */
    static VirtualServer start(VirtualServerConfig config, NodeConfig node, DataDirectory dir, UserDirectory users,
            Clock clock) throws IOException, InterruptedException {
        VirtualServer vs = new VirtualServer(config);
        vs.move(VirtualServerState.STARTING);
        try {
            List<ShareConfig> shares = new ArrayList<>();
            for (FileSystemConfig fsc : node.fileSystemsOf(config.name())) {
                MountedFileSystem m = MountedFileSystem.open(fsc, dir.resolve(fsc.volume()), clock);
                vs.mounted.add(m);
                LOG.log(Level.INFO, "virtual server {0}: mounted filesystem {1} (id {2}) from {3}", config.name(),
                        fsc.name(), m.fs().fsId(), fsc.volume());
                for (ShareDefinition share : node.sharesOn(fsc.name())) {
                    Share storage = new Share(share.name(), m.fs(), shareRoot(m, share),
                            share.readOnly() || m.fs().isReadOnly());
                    SnapshotCatalog versions = new SnapshotCatalog(storage, new VolumeSnapshots(m.volume()), clock);
                    vs.previousVersions.add(versions);
                    shares.add(new ShareConfig(storage, share.encryptRequired(), versions));
                }
            }
            ServerIdentity identity = new ServerIdentity(node.serverName().toUpperCase(Locale.ROOT),
                    node.domain().toUpperCase(Locale.ROOT), node.serverName().toLowerCase(Locale.ROOT), "");
            SmbServerConfig smbConfig = new SmbServerConfig(users, identity, shares, clock, config.requireSigning(),
                    config.encryptData(), SmbServerConfig.DEFAULT_MAX_FRAME_SIZE, vs.files);
            for (String address : config.listen()) {
                SmbServer listener = SmbServer.start(smbConfig, address, config.port());
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

    /** The inode of the share's directory; a share on a missing directory stops start-up. */
    private static long shareRoot(MountedFileSystem m, ShareDefinition share) throws IOException {
        Inode dir;
        try {
            dir = m.fs().resolve(share.path());
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
        for (SmbServer listener : listeners) {
            listener.close();
        }
        previousVersions.forEach(SnapshotCatalog::close);
        for (int i = mounted.size() - 1; i >= 0; i--) {
            try {
                mounted.get(i).close();
            } catch (IOException e) {
                LOG.log(Level.ERROR, "filesystem " + mounted.get(i).config().name() + ": close failed", e);
                failure = failure == null ? e : failure;
            }
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
