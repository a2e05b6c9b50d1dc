package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import dev.haven.files.ShareAccess;
import dev.haven.files.durable.DurableOpens;
import dev.haven.files.lease.BreakCause;
import dev.haven.files.lease.BreakScheduler;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.ExecutorBreakScheduler;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.lease.OplockKey;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.lock.PendingLock;
import dev.haven.files.notify.NotifyFilter;
import dev.haven.files.security.SecurityDescriptor;
import dev.haven.files.share.CloseResult;
import dev.haven.files.share.ShareModeTable;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol-neutral file service: opens, data I/O, attributes and namespace changes over
 * HavenFS, with share modes and byte-range locks from the rule engines. Opens are independent of
 * connections; the front-end closes them. Thread-safe: state is in the rule engines (one lock per
 * file) and in HavenFS.
 */
public final class FileService {

    private final ShareModeTable shareModes;
    private final ByteRangeLocks locks;
    private final LeaseManager leases;
    private final CachingOpens caching;
    private final DurableOpens durable;
    private final NameChanges names;
    private final PersistentOpens persistent;
    private final AllocationSizes allocationSizes = new AllocationSizes();
    private final ConcurrentHashMap<OpenId, Open> opens = new ConcurrentHashMap<>();
    private final FileChanges changes = new FileChanges(this, new dev.haven.files.notify.ChangeNotifier());
    /** Files deleted at their last close while one of their streams was open: gone at that stream's last close. */
    private final ConcurrentHashMap<FileKey, Open.Location> deferredDeletes = new ConcurrentHashMap<>();

    /** A service with its own rule engines. */
    public FileService() {
        this(new ShareModeTable(), new ByteRangeLocks());
    }

    /** A service over shared rule engines (so other front-ends see the same share modes and locks). */
    public FileService(ShareModeTable shareModes, ByteRangeLocks locks) {
        this(shareModes, locks, Clock.systemUTC(), new ExecutorBreakScheduler(Clock.systemUTC()));
    }

    /** A service whose break timeouts run on {@code clock} and {@code scheduler} (tests drive both). */
    public FileService(ShareModeTable shareModes, ByteRangeLocks locks, Clock clock, BreakScheduler scheduler) {
        this(shareModes, locks, clock, scheduler, null);
    }

    /**
     * A service that keeps its persistent opens in {@code store} (null: no persistent opens);
     * {@link PersistentOpens#restore} then brings back the opens the store held.
     */
    public FileService(ShareModeTable shareModes, ByteRangeLocks locks, Clock clock, BreakScheduler scheduler,
            dev.haven.files.durable.OpenStore store) {
        this.shareModes = shareModes;
        this.locks = locks;
        this.leases = new LeaseManager(clock, scheduler, n -> { }, LeaseManager.DEFAULT_BREAK_TIMEOUT, locks::hasLocks);
        this.caching = new CachingOpens(leases, shareModes);
        this.durable = new DurableOpens(this, leases, clock, scheduler);
        this.names = new NameChanges(this, shareModes, caching, changes, opens);
        this.persistent = new PersistentOpens(this, shareModes, locks, store);
    }

    /** The opens kept across restarts (persistent handles on continuously available shares). */
    public PersistentOpens persistent() {
        return persistent;
    }

    /** The opens that wait for their owner after a disconnect (durable handles). */
    public DurableOpens durable() {
        return durable;
    }

    /** The oplocks and leases of this service's files: front-ends subscribe for breaks and acknowledge here. */
    public LeaseManager leases() {
        return leases;
    }

    /**
     * The breaks an open of {@code path} by {@code requester} causes, to wait for before calling
     * {@link #open(Share, SharePath, CreateDisposition, OpenOptions, AccessMask, ShareAccess, Principal,
     * CachingRequest)} ([MS-SMB2] 3.3.5.9: the CREATE goes pending meanwhile). Call it again after
     * the wait: a later break may be due.
     */
    public BreakWait breaksBeforeOpen(Share share, SharePath path, CreateDisposition disposition, AccessMask desiredAccess,
            ShareAccess shareAccess, OplockKey requester) {
        return caching.breaksBefore(share, path, disposition, desiredAccess, shareAccess, requester);
    }

    /** {@link #open(Share, SharePath, CreateDisposition, OpenOptions, AccessMask, ShareAccess, Principal)} with caching. */
    public OpenResult open(Share share, SharePath path, CreateDisposition disposition, OpenOptions options,
            AccessMask desiredAccess, ShareAccess shareAccess, Principal principal, CachingRequest wanted) {
        OpenResult r = openUncached(share, path, disposition, options, desiredAccess, shareAccess, principal);
        CachingOpens.Granted g;
        try {
            g = caching.register(r.open(), wanted);
        } catch (RuntimeException e) {
            closeUncached(r.open());
            throw e;
        }
        return new OpenResult(r.open(), r.action(), r.attributes(), g.oplock(), g.lease());
    }

    /**
     * Opens or creates {@code path} in {@code share} ([MS-FSA] 2.1.5.1): the disposition decides
     * between open, create and truncate; share modes are checked before anything is truncated.
     */
    public OpenResult open(Share share, SharePath path, CreateDisposition disposition, OpenOptions options,
            AccessMask desiredAccess, ShareAccess shareAccess, Principal principal) {
        return open(share, path, disposition, options, desiredAccess, shareAccess, principal, CachingRequest.NONE);
    }

    private OpenResult openUncached(Share share, SharePath path, CreateDisposition disposition, OpenOptions options,
            AccessMask desiredAccess, ShareAccess shareAccess, Principal principal) {
        if (options.stream() != null && !options.stream().isEmpty()) {
            return Streams.open(this, share, path, disposition, options, desiredAccess, shareAccess, principal);
        }
        AccessMask granted = OpenRules.grant(share, desiredAccess);
        Inode parent = PathResolver.parentOf(share, path);
        Inode found = PathResolver.lookupOrNull(share, parent, path);
        CreateAction action;
        if (found == null) {
            if (!disposition.createsWhenMissing()) {
                throw new FileServiceException(FileServiceError.NOT_FOUND, path.toString());
            }
            OpenRules.requireWritable(share);
            OpenSecurity.checkCreate(share, parent, options, principal);
            found = OpenSecurity.create(share, parent, path, options, disposition, principal);
            action = found == null ? null : CreateAction.CREATED;
            if (found == null) { // lost a race with another creator: open what it made
                return openUncached(share, path, disposition, options, desiredAccess, shareAccess, principal);
            }
            changes.created(share, parent.id(), path, found.isDirectory());
        } else {
            if (deferredDeletes.containsKey(keyOf(share, found.id()))) {
                throw new FileServiceException(FileServiceError.DELETE_PENDING, path.toString());
            }
            action = OpenRules.actionOnExisting(share, found, path, disposition);
            // The share's limits (read-only) and the file's DACL both apply.
            granted = AccessMask.of(granted.bits()
                    & OpenSecurity.grantExisting(share, found, parent, path.isRoot(), desiredAccess, disposition, options,
                            principal).bits());
        }
        OpenRules.checkKind(found, options);
        if (options.deleteOnClose() && share.readOnly()) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "delete-on-close on a read-only share");
        }
        OpenRules.refuseDeleteOnReadOnlyFs(share, options.deleteOnClose());
        if (granted.canDelete() && !found.isDirectory()) {
            Streams.checkDeleteSharing(shareModes, share, found.id());
        }
        Open open = register(share, found, path.isRoot() ? null : new Open.Location(parent.id(), path), granted,
                shareAccess, options, 0, OpenId.random());
        truncateFor(open, action);
        return new OpenResult(open, action, attributes(open));
    }

    /** Empties the file an overwrite or supersede opened; the open is closed again if that fails. */
    void truncateFor(Open open, CreateAction action) {
        if (action == CreateAction.OVERWRITTEN || action == CreateAction.SUPERSEDED) {
            try {
                FsCall.run(() -> {
                    open.share().fs().truncate(open.inode(), 0);
                    return null;
                });
                changes.modified(open, FileChanges.OVERWRITE);
            } catch (RuntimeException e) {
                closeUncached(open);
                throw e;
            }
        }
    }

    Open register(Share share, Inode found, Open.Location where, AccessMask granted, ShareAccess shareAccess,
            OpenOptions options, long streamOf, OpenId id) {
        FileKey key = keyOf(share, found.id());
        Open open = new Open(id, share, key, found.fileId(), found.isDirectory(), granted, options.writeThrough(), where,
                streamOf);
        shareModes.open(key, id, granted, shareAccess, options.deleteOnClose());
        opens.put(id, open);
        return open;
    }

    /**
     * Opens again, under its old identity, a persistent open the store kept over a restart: the
     * same file (inode and generation), access, share access, byte-range locks and caching. No
     * access check: the open was granted before; nothing else runs yet ({@link PersistentOpens#restore}).
     */
    Open reestablish(Share share, dev.haven.files.durable.PersistedOpen p) {
        Inode found = FsCall.run(() -> share.fs().attributes(new dev.haven.fs.FileId(p.inode(), p.generation())));
        if (found.isDirectory() != p.directory()) {
            throw new FileServiceException(FileServiceError.NOT_FOUND, p.path() + " changed kind");
        }
        OpenOptions options = new OpenOptions(p.directory(), !p.directory(), false, p.writeThrough(), 0, null, null);
        Open open = register(share, found, p.path().isRoot() ? null : new Open.Location(p.parent(), p.path()),
                AccessMask.of(p.granted()), ShareAccess.of(p.shareAccess()), options, 0, p.openId());
        try {
            if (!p.locks().isEmpty()) {
                locks.lockAll(open.key(), open.id(), OwnerId.NONE, p.locks());
            }
            caching.register(open, p.caching().request(p.who()));
        } catch (RuntimeException e) {
            close(open);
            throw e;
        }
        return open;
    }

    static FileKey keyOf(Share share, long inode) {
        // Every mount is its own file system for share modes, locks and leases: a read-only
        // snapshot or a writable snapshot has production's file-system id but other files.
        return new FileKey(share.fs().mountId(), inode);
    }

    /**
     * Closes an open: its locks go, and the last close of a file marked for deletion unlinks it
     * ([MS-FSA] 2.1.5.4). Returns the attributes as they were just before the close.
     */
    public FileAttributes close(Open open) {
        try {
            return closeUncached(open);
        } finally {
            // After the share modes: an open waiting for this holder retries and must not see it.
            caching.close(open);
        }
    }

    private FileAttributes closeUncached(Open open) {
        if (!opens.remove(open.id(), open)) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        persistent.forget(open);
        changes.closed(open);
        FileAttributes last;
        try {
            last = attributes(open, false);
        } finally {
            locks.closeOpen(open.key(), open.id());
        }
        CloseResult result = shareModes.close(open.id());
        if (shareModes.opensOf(open.key()).isEmpty()) {
            allocationSizes.clear(open.key());
        }
        boolean delete = result.unlink() && open.location() != null;
        boolean removed = Streams.afterClose(open, delete, s -> !shareModes.opensOf(keyOf(open.share(), s)).isEmpty(),
                deferredDeletes);
        if (removed && open.streamOf() == 0) {
            changes.removed(open.share(), open.location().parent(), open.location().path(), open.isDirectory());
        } else if (!delete && open.isDirectory() && shareModes.isDeletePending(open.key())) {
            changes.deletePending(open); // a delete-on-close open of a directory others keep open
        }
        return last;
    }

    /** True while the open is open. */
    public boolean isOpen(Open open) {
        return opens.get(open.id()) == open;
    }

    void check(Open open) {
        if (!isOpen(open)) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
    }

    /** Reads at {@code offset} into {@code dst}; returns the bytes read (0 at end of file). */
    public int read(Open open, long offset, ByteBuffer dst) {
        check(open);
        OpenRules.needFile(open);
        OpenRules.need(open, open.granted().canRead(), "read");
        IoBounds.checkRead(offset, dst.remaining());
        locks.checkRead(open.key(), open.id(), OwnerId.NONE, offset, dst.remaining());
        return FsCall.run(() -> open.share().fs().read(open.inode(), offset, dst));
    }

    /** Writes all of {@code src} at {@code offset}; durable before return on a write-through open or when asked. */
    public int write(Open open, long offset, ByteBuffer src, boolean writeThrough) {
        check(open);
        OpenRules.needFile(open);
        OpenRules.need(open, open.granted().canWrite(), "write");
        int n = src.remaining();
        IoBounds.checkWrite(offset, n);
        if (n == 0) {
            return 0;
        }
        locks.checkWrite(open.key(), open.id(), OwnerId.NONE, offset, n);
        breakCaching(open, BreakCause.WRITE);
        FsCall.run(() -> {
            open.share().fs().write(open.inode(), offset, src);
            if (writeThrough || open.writeThrough()) {
                open.share().fs().flush(open.inode());
            }
            return null;
        });
        changes.modified(open, FileChanges.WRITE);
        return n;
    }

    /**
     * Breaks the caching of other holders that an operation through {@code open} conflicts with
     * ([MS-FSA] 2.1.4.12). The operation does not wait for acknowledgments: write caching cannot
     * coexist with another open, so a break that needs one was already awaited by the CREATE that
     * made this open; handle caching only needs the holder to learn of the change.
     */
    private void breakCaching(Open open, BreakCause cause) {
        caching.breakFor(open, cause);
    }

    /** Makes the file's data and metadata durable. */
    public void flush(Open open) {
        check(open);
        if (!open.share().readOnly()) {
            FsCall.run(() -> {
                open.share().fs().flush(open.inode());
                return null;
            });
        }
    }

    /** Makes every change on {@code share}'s file system durable (a commit); nothing for a read-only share. */
    public void commit(Share share) {
        if (!share.readOnly()) {
            FsCall.run(() -> {
                share.fs().sync();
                return null;
            });
        }
    }

    /** The attributes of the open's file. */
    public FileAttributes attributes(Open open) {
        check(open);
        return attributes(open, shareModes.isDeletePending(open.key()));
    }

    private FileAttributes attributes(Open open, boolean deletePending) {
        return allocationSizes.apply(open.key(), FileAttributes.of(FsCall.run(() -> Streams.metadata(open)), deletePending));
    }

    /** The attributes of the directory containing the open's directory (the share root for the root). */
    public FileAttributes parentAttributes(Open open) {
        check(open);
        Open.Location at = open.location();
        long parent = at == null ? open.share().root() : at.parent();
        return FileAttributes.of(FsCall.run(() -> open.share().fs().attributes(parent)), false);
    }

    /** Changes times and DOS attributes; needs FILE_WRITE_ATTRIBUTES. */
    public FileAttributes setBasicInfo(Open open, BasicInfo info) {
        check(open);
        OpenRules.need(open, open.granted().hasAny(AccessMask.FILE_WRITE_ATTRIBUTES), "set attributes");
        if (open.isDirectory() && info.dosAttributes() != null
                && (info.dosAttributes() & FileAttributes.TEMPORARY) != 0) {
            // [MS-FSA] 2.1.5.15.2: FILE_ATTRIBUTE_TEMPORARY on a directory is STATUS_INVALID_PARAMETER.
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "TEMPORARY on a directory");
        }
        // [MS-FSA] 2.1.5.15.2: the sparse flag changes only through FSCTL_SET_SPARSE.
        Integer dos = info.dosAttributes() == null ? null
                : info.dosAttributes() & ~(FileAttributes.DIRECTORY | FileAttributes.NORMAL | SparseFiles.SPARSE_FILE)
                        | attributes(open).dosAttributes() & SparseFiles.SPARSE_FILE;
        dev.haven.fs.SetAttributes change = dev.haven.fs.SetAttributes.NONE
                .withTimes(info.creationTime(), info.lastWriteTime(), info.changeTime(), info.lastAccessTime());
        dev.haven.fs.SetAttributes withDos = dos == null ? change : change.withDosAttributes(dos);
        FsCall.run(() -> open.share().fs().setAttributes(open.streamOf() != 0 ? open.streamOf() : open.inode(), withDos));
        changes.basicInfo(open, info);
        return attributes(open);
    }

    /** Sets the file size; needs write access. */
    public void setEndOfFile(Open open, long size) {
        check(open);
        OpenRules.needFile(open);
        OpenRules.need(open, open.granted().canWrite(), "set end of file");
        breakCaching(open, BreakCause.WRITE);
        FsCall.run(() -> {
            open.share().fs().truncate(open.inode(), size);
            return null;
        });
        allocationSizes.clear(open.key());
        changes.modified(open, NotifyFilter.SIZE);
    }

    /**
     * Sets the allocation size ([MS-FSA] 2.1.5.15.1): smaller than the file truncates it; the
     * file reports the size (in whole blocks) while it is open ({@link AllocationSizes}).
     */
    public void setAllocationSize(Open open, long size) {
        check(open);
        breakCaching(open, BreakCause.WRITE); // an allocation change breaks as a write does (smb2.oplock.batch12)
        if (size < attributes(open).size()) {
            setEndOfFile(open, size);
        }
        allocationSizes.set(open.key(), size, open.share().fs().blockSize());
    }

    /** Marks or unmarks the file for deletion at last close; a directory must be empty ([MS-FSA] 2.1.5.15.3). */
    public void setDeleteOnClose(Open open, boolean delete) {
        names.setDeleteOnClose(open, delete);
    }

    /**
     * Breaks the handle caching other holders have on the open's file before a rename, and
     * returns the wait for their acknowledgments: the rename goes ahead only once they could
     * close their cached handles ([MS-FSA] 2.1.5.15.12, Windows and Samba: smb2.lease.rename_wait).
     */
    public BreakWait breaksBeforeRename(Open open) {
        check(open);
        return caching.breakFor(open, BreakCause.HANDLE_CONFLICT);
    }

    /** Renames the open's file to {@code target}, replacing an existing one if asked; needs DELETE. */
    public void rename(Open open, SharePath target, boolean replaceIfExists) {
        names.rename(open, target, replaceIfExists);
        persistent.changed(open);
    }

    /** Adds a hard link {@code target} to the open's file ([MS-FSCC] 2.4.27 FileLinkInformation). */
    public void link(Open open, SharePath target, boolean replaceIfExists) {
        names.link(open, target, replaceIfExists);
    }

    /** Up to about {@code max} entries of the open directory after {@code cookie} (0 to start). */
    public DirectoryPage list(Open open, long cookie, int max) {
        check(open);
        if (!open.isDirectory()) {
            throw new FileServiceException(FileServiceError.NOT_A_DIRECTORY, open.toString());
        }
        OpenRules.need(open, open.granted().canRead(), "list");
        HavenFs fs = open.share().fs();
        dev.haven.fs.DirPage page = FsCall.run(() -> fs.list(open.inode(), cookie, max));
        List<DirectoryEntry> out = new java.util.ArrayList<>(page.entries().size());
        for (dev.haven.fs.DirEntry e : page.entries()) {
            if (Streams.isHidden(e.name())) {
                continue;
            }
            try {
                Inode i = fs.attributes(e.inode());
                out.add(new DirectoryEntry(e.name(), FileAttributes.of(i,
                        shareModes.isDeletePending(keyOf(open.share(), i.id()))), e.cookie()));
            } catch (FsException gone) {
                // Deleted between the listing and the lookup: it is simply not listed.
            }
        }
        return new DirectoryPage(out, page.cookie(), page.end());
    }

    /** Change notification: watches on directory opens, and the publisher siblings report their changes to. */
    public FileChanges changes() {
        return changes;
    }

    /** Size and identity of the share's file system. */
    public VolumeInfo statfs(Share share) {
        dev.haven.fs.FsStats s = FsCall.run(() -> share.fs().statfs());
        return new VolumeInfo(s.fsId(), s.blockSize(), s.totalBlocks(), s.freeBlocks(), s.caseInsensitive(),
                share.readOnly());
    }

    /** Takes fail-immediately byte-range locks, all or none ([MS-SMB2] 3.3.5.14). */
    public void lock(Open open, List<LockRequest> requests) {
        check(open);
        breakCaching(open, BreakCause.LOCK);
        locks.lockAll(open.key(), open.id(), OwnerId.NONE, requests);
        recordLocks(open, requests);
    }

    /**
     * A persistent open's locks are stable before the client hears of them: if the store cannot
     * take {@code taken}, they are released again and the error thrown (all or none).
     */
    private void recordLocks(Open open, List<LockRequest> taken) {
        try {
            persistent.changed(open);
        } catch (FileServiceException e) {
            for (LockRequest r : taken) {
                locks.unlock(open.key(), open.id(), OwnerId.NONE, r.offset(), r.length());
            }
            throw e;
        }
    }

    /**
     * Records a lock that {@link #lockOrWait} granted after a wait, before the front-end answers
     * (a persistent open stores it; if it cannot, the lock is released and the error thrown).
     */
    public void lockGranted(Open open, LockRequest request) {
        check(open);
        recordLocks(open, List.of(request));
    }

    /**
     * Takes one lock, waiting while it conflicts ([MS-FSA] 2.1.5.8, FailImmediately FALSE); the
     * request may come back already granted. Closing the open cancels the wait.
     */
    public PendingLock lockOrWait(Open open, LockRequest request) {
        check(open);
        breakCaching(open, BreakCause.LOCK);
        PendingLock p = locks.lockOrWait(open.key(), open.id(), OwnerId.NONE, request.offset(), request.length(),
                request.exclusive());
        if (p.isGranted()) {
            recordLocks(open, List.of(request));
        }
        return p;
    }

    /** Releases one byte-range lock held exactly so. */
    public void unlock(Open open, long offset, long length) {
        check(open);
        locks.unlock(open.key(), open.id(), OwnerId.NONE, offset, length);
        persistent.changed(open);
    }

    /** The byte-range locks, for the components next to the service (server-side copy, sparse files). */
    ByteRangeLocks locks() {
        return locks;
    }

    /** The parts {@code securityInformation} ([MS-DTYP] 2.4.7) names of the file's descriptor; needs READ_CONTROL. */
    public SecurityDescriptor securityDescriptor(Open open, int securityInformation) {
        check(open);
        return OpenSecurity.query(open, securityInformation);
    }

    /** Replaces the parts {@code securityInformation} names; needs WRITE_OWNER and/or WRITE_DAC. */
    public void setSecurityDescriptor(Open open, int securityInformation, SecurityDescriptor update) {
        check(open);
        OpenSecurity.set(open, securityInformation, update);
        changes.modified(open, NotifyFilter.SECURITY);
    }

    /** Renames the open named stream to {@code stream} of the same file ([MS-FSCC] 2.4.37 ":name"); needs DELETE. */
    public void renameStream(Open open, String stream, boolean replaceIfExists) {
        check(open);
        OpenRules.need(open, open.granted().canDelete(), "rename");
        Streams.rename(open, stream, replaceIfExists, s -> !shareModes.opensOf(keyOf(open.share(), s)).isEmpty());
    }

    /** [MS-FSCC] 2.4.43: the data streams of the open's file, the default one first; none for a directory. */
    public List<StreamInfo> streams(Open open) {
        check(open);
        return FsCall.run(() -> Streams.list(open.share().fs(), open.streamOf() != 0 ? open.streamOf() : open.inode(),
                open.isDirectory()));
    }

    /** The opens right now, in no particular order (for the admin API). */
    public List<Open> opens() {
        return List.copyOf(opens.values());
    }

    /** Number of opens (for tests and metrics). */
    public int openCount() {
        return opens.size();
    }
}
