package dev.haven.node;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.SnapshotInfo;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running Haven node: the locked data directory, its configuration, its users and its virtual
 * file servers. Close order: stop the commit tick, close the virtual servers in reverse start
 * order (each: listener, then file systems, then volumes), release the data directory lock.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Node.class.getName());

    private final DataDirectory dir;
    private final NodeConfig config;
    private final UserStore users;
    private final List<VirtualServer> servers = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "haven-commit-tick");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final NodeMetrics metrics = new NodeMetrics();
    /** The periodic tick and tests may both run the schedules. */
    private final ReentrantLock scheduleLock = new ReentrantLock();
    private final NodeShares shares;
    private final Clock clock;
    private final Instant started;

    private Node(DataDirectory dir, NodeConfig config, UserStore users, Clock clock) {
        this.dir = dir;
        this.config = config;
        this.users = users;
        this.clock = clock;
        this.started = clock.instant();
        this.shares = new NodeShares(this, config.shares());
    }

    /**
     * Starts a node: locks the data directory, creates the embedded default on first start, reads
     * {@code haven.conf}, and starts every virtual file server.
     */
    public static Node start(NodeOptions options) throws IOException, ConfigException, InterruptedException {
        DataDirectory dir = DataDirectory.lock(options.dataDir());
        Node node = null;
        try {
            if (!Files.exists(dir.configFile())) {
                LOG.log(Level.INFO, "first start in {0}: creating the embedded default", dir.root());
                EmbeddedDefault.create(dir, options);
            }
            NodeConfig config = NodeConfigReader.read(dir.configFile());
            if (options.listen() != null || options.port() != null) {
                VirtualServerConfig first = config.virtualServers().get(0);
                config = config.withFirstAddress(options.listen() != null ? List.of(options.listen()) : first.listen(),
                        options.port() != null ? options.port() : first.port());
            }
            warnIfUsersAreReadable(dir);
            node = new Node(dir, config, new UserStore(dir.usersFile()), options.clock());
            for (VirtualServerConfig vs : config.virtualServers()) {
                node.servers.add(VirtualServer.start(vs, config, dir, node.users, options.clock(), node.metrics));
            }
            node.metrics.watch(node);
            node.runSchedules();
            node.ticker.scheduleWithFixedDelay(node::tick, 1, 1, TimeUnit.SECONDS);
            LOG.log(Level.INFO, "node started in {0}", dir.root());
            return node;
        } catch (IOException | ConfigException | InterruptedException | RuntimeException e) {
            try {
                if (node != null) {
                    node.close();
                } else {
                    dir.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** NT hashes are password-equivalent for NTLM, so say so when others can read them (as ssh does for keys). */
    private static void warnIfUsersAreReadable(DataDirectory dir) throws IOException {
        Path users = dir.usersFile();
        if (Files.exists(users)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(users);
            perms.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
            if (!perms.isEmpty()) {
                LOG.log(Level.WARNING, "{0} is accessible to other users ({1}); it holds password-equivalent NT hashes:"
                        + " chmod 600 it", users, PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
            }
        }
    }

    private void tick() {
        for (VirtualServer vs : servers) {
            vs.tick();
        }
        runSchedules();
    }

    /** Takes the scheduled snapshots due now (the periodic tick calls this; tests call it after moving the clock). */
    List<String> runSchedules() {
        scheduleLock.lock();
        try {
            List<String> taken = new ArrayList<>();
            for (MountedFileSystem m : fileSystems()) {
                if (m.config().schedule().enabled()) {
                    taken.addAll(SnapshotScheduler.run(new ScheduledTarget(m), clock.instant()));
                }
            }
            return taken;
        } finally {
            scheduleLock.unlock();
        }
    }

    /** What the scheduler sees of a file system: snapshots taken live, deletions as the admin API does them. */
    private final class ScheduledTarget implements SnapshotScheduler.Target {
        private final MountedFileSystem m;

        ScheduledTarget(MountedFileSystem m) {
            this.m = m;
        }

        @Override
        public String name() {
            return m.config().name();
        }

        @Override
        public SnapshotSchedule schedule() {
            return m.config().schedule();
        }

        @Override
        public List<SnapshotInfo> snapshots() {
            return m.snapshots();
        }

        @Override
        public void take(String name) throws IOException {
            createSnapshot(m.config().name(), name);
        }

        @Override
        public void delete(String name) throws IOException {
            m.delete(name);
        }
    }

    /** The node's metrics. */
    public NodeMetrics metrics() {
        return metrics;
    }

    /** When the node started (by its clock). */
    public Instant started() {
        return started;
    }

    /** Every mounted file system, in configuration order. */
    public List<MountedFileSystem> fileSystems() {
        return servers.stream().flatMap(v -> v.fileSystems().stream()).toList();
    }

    /** The file system called {@code name}, or NoSuchElementException. */
    public MountedFileSystem requireFileSystem(String name) {
        return fileSystem(name).orElseThrow(() -> new NoSuchElementException("no filesystem named " + name));
    }

    /** Takes a live snapshot of file system {@code fs} (see {@link MountedFileSystem#snapshot}). */
    public LiveSnapshot createSnapshot(String fs, String nameOrNull) throws IOException {
        LiveSnapshot s = requireFileSystem(fs).snapshot(nameOrNull);
        metrics.snapshotPaused(fs, s.pause());
        return s;
    }

    /** Restores file system {@code fs} from snapshot {@code from} while clients stay connected. */
    public RestoreProgress restore(String fs, String from) throws IOException {
        MountedFileSystem m = requireFileSystem(fs);
        VirtualServer vs = servers.stream().filter(v -> v.fileSystem(fs).isPresent()).findFirst().orElseThrow();
        return vs.restore(m, from);
    }

    /** The shares served now. */
    public List<ShareDefinition> shares() {
        return shares.list();
    }

    /** Serves a new share at once and records it in {@code haven.conf}. */
    public ShareDefinition addShare(ShareDefinition share) throws IOException {
        return shares.add(share);
    }

    /** Stops serving a share to new connections and removes it from {@code haven.conf}. */
    public void deleteShare(String name) throws IOException {
        shares.delete(name);
    }

    /** Every authenticated session, on every virtual server. */
    public List<SessionInfo> sessions() {
        return servers.stream().flatMap(v -> v.sessions().stream()).toList();
    }

    /** Every open file and directory, with its byte-range locks. */
    public List<OpenInfo> opens() {
        return servers.stream().flatMap(v -> v.opens().stream()).toList();
    }

    /** The configuration in effect (command-line overrides applied). */
    public NodeConfig config() {
        return config;
    }

    /** The data directory. */
    public DataDirectory dataDirectory() {
        return dir;
    }

    /** The node's users. */
    public UserStore users() {
        return users;
    }

    /** The running virtual file servers, in configuration order. */
    public List<VirtualServer> virtualServers() {
        return List.copyOf(servers);
    }

    /** The mounted file system called {@code name}, on whichever virtual server serves it. */
    public Optional<MountedFileSystem> fileSystem(String name) {
        return servers.stream().flatMap(v -> v.fileSystem(name).stream()).findFirst();
    }

    /** Waits until {@link #close()} has finished (from any thread, e.g. a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Closes everything in order; later calls wait for the first to finish. */
    @Override
    public void close() throws IOException {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LOG.log(Level.INFO, "node stopping");
        IOException failure = null;
        try {
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            dir.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        LOG.log(Level.INFO, "node stopped");
        closed.countDown();
        if (failure != null) {
            throw failure;
        }
    }
}
