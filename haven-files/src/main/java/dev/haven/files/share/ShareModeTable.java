package dev.haven.files.share;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.FileTable;
import dev.haven.files.OpenId;
import dev.haven.files.ShareAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The share modes of every open file and its delete-pending state. Every front-end adds an open
 * here before answering its CREATE/OPEN, so SMB and NFS opens see each other's share modes.
 * Thread-safe with one lock per file.
 */
public final class ShareModeTable {
    private final FileTable<FileOpens> files = new FileTable<>(k -> new FileOpens(), f -> f.opens.isEmpty());
    private final ConcurrentHashMap<OpenId, FileKey> fileOfOpen = new ConcurrentHashMap<>();

    /** The opens of one file, guarded by the file's lock in {@link FileTable}. */
    private static final class FileOpens {
        final Map<OpenId, ShareModeOpen> opens = new LinkedHashMap<>();
        boolean deletePending;
    }

    /**
     * Adds an open of {@code file}, or throws {@link FileServiceError#DELETE_PENDING} if the file
     * is marked for deletion and {@link FileServiceError#SHARING_VIOLATION} if an existing open's
     * share access denies this one or this one's denies an existing open ([MS-FSA] 2.1.5.1.2.2).
     * {@code deleteOnClose} needs DELETE access ([MS-SMB2] 3.3.5.9: else STATUS_ACCESS_DENIED).
     */
    public ShareModeOpen open(FileKey file, OpenId open, AccessMask access, ShareAccess share, boolean deleteOnClose) {
        AccessMask granted = access.mapGeneric(); // GENERIC_WRITE must count as write access here
        if (deleteOnClose && !granted.canDelete()) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "delete-on-close without DELETE access");
        }
        ShareModeOpen candidate = new ShareModeOpen(file, open, granted, share, deleteOnClose);
        if (fileOfOpen.putIfAbsent(open, file) != null) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, open + " is already open");
        }
        try {
            return files.withFile(file, f -> admit(f, candidate));
        } catch (RuntimeException e) {
            fileOfOpen.remove(open, file);
            throw e;
        }
    }

    private static ShareModeOpen admit(FileOpens f, ShareModeOpen candidate) {
        // [MS-FSA] 2.1.5.1.2: an open of a file whose deletion is pending fails before the share check.
        if (f.deletePending) {
            throw new FileServiceException(FileServiceError.DELETE_PENDING, candidate.file().toString());
        }
        for (ShareModeOpen existing : f.opens.values()) {
            if (candidate.conflictsWith(existing)) {
                throw new FileServiceException(FileServiceError.SHARING_VIOLATION,
                        candidate.file() + ": " + candidate.granted() + " " + candidate.share()
                                + " against " + existing.granted() + " " + existing.share());
            }
        }
        f.opens.put(candidate.open(), candidate);
        return candidate;
    }

    /**
     * Removes an open. A delete-on-close open marks the file for deletion as it goes; the last
     * close of a file marked for deletion returns {@code unlink = true} ([MS-FSA] 2.1.5.4).
     */
    public CloseResult close(OpenId open) {
        FileKey file = fileOfOpen.remove(open);
        if (file == null) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        return files.withFile(file, f -> {
            ShareModeOpen gone = f.opens.remove(open);
            if (gone != null && gone.deleteOnClose()) {
                f.deletePending = true;
            }
            return new CloseResult(file, f.opens.isEmpty() && f.deletePending);
        });
    }

    /**
     * Sets or clears the file's delete-pending mark through an open (SMB2 SET_INFO
     * FileDispositionInformation, [MS-FSA] 2.1.5.15.3); the open needs DELETE access.
     */
    public void setDeletePending(OpenId open, boolean pending) {
        FileKey file = fileOfOpen.get(open);
        FileServiceError failure = file == null ? FileServiceError.FILE_CLOSED : files.withExisting(file, f -> {
            ShareModeOpen o = f.opens.get(open);
            if (o == null) {
                return FileServiceError.FILE_CLOSED; // closed by another thread just now
            }
            if (!o.granted().canDelete()) {
                return FileServiceError.ACCESS_DENIED;
            }
            f.deletePending = pending;
            return null;
        }, FileServiceError.FILE_CLOSED);
        if (failure != null) {
            throw new FileServiceException(failure, "disposition through " + open);
        }
    }

    /** True if the file is marked for deletion. */
    public boolean isDeletePending(FileKey file) {
        return files.withExisting(file, f -> f.deletePending, false);
    }

    /** The open, if it is open. */
    public Optional<ShareModeOpen> find(OpenId open) {
        FileKey file = fileOfOpen.get(open);
        if (file == null) {
            return Optional.empty();
        }
        return files.withExisting(file, f -> Optional.ofNullable(f.opens.get(open)), Optional.empty());
    }

    /** The opens of a file, oldest first. */
    public List<ShareModeOpen> opensOf(FileKey file) {
        return files.withExisting(file, f -> List.copyOf(f.opens.values()), List.of());
    }
}
