package dev.haven.smb.server;

import dev.haven.files.durable.DurableHandle;
import dev.haven.files.lock.LockSequenceTable;
import dev.haven.files.service.Open;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.Smb2FileId;

/**
 * [MS-SMB2] 3.3.1.10: an open as SMB sees it: its FileId, the file-service open, the tree it
 * belongs to, the path it was opened by (for FileNameInformation) and the directory search in
 * progress. Usually touched by one connection's serial executor; with multichannel the same
 * open may be used through every channel of its session, so the mutable fields are volatile
 * (concurrent use of one open through two channels is last-writer-wins, as on Windows).
 */
final class SmbOpen implements DurableHandle {
    private final Smb2FileId fileId;
    private final Open open;
    private final int treeId;
    private volatile String path;
    private volatile DirectorySearch search;
    /** [MS-FSCC] 2.4.35 FilePositionInformation: set by the client, moved by a READ that returns data. */
    private volatile long position;
    /** The durable v2 CREATE that made this open, for a replay of it ([MS-SMB2] 3.3.5.9.10), or null. */
    private volatile Created created;
    /** Open.IsReplayEligible: no request but CREATE replays has named this open yet (or it is persistent). */
    private volatile boolean replayEligible;
    /** [MS-SMB2] 3.3.1.10 Open.LockSequenceArray, used for durable opens on SMB 3.x (3.3.5.14). */
    private volatile LockSequenceTable lockSequences = new LockSequenceTable();
    /** What the client was granted of durability ([MS-SMB2] Open.IsDurable and its timeout), or null. */
    private volatile DurableContexts.Granted durable;
    /** [MS-SMB2] Open.AppInstanceId ({@link AppInstances}), or null. */
    private volatile java.util.UUID appInstanceId;
    /** [MS-SMB2] Open.ChannelSequence (3.3.5.2.10); guarded by this open's monitor. */
    private int channelSequence;
    /** The next EA a FileFullEaInformation query without restart returns ({@link EaQuery}). */
    private volatile int eaIndex;

    SmbOpen(Smb2FileId fileId, Open open, int treeId, String path) {
        this.fileId = fileId;
        this.open = open;
        this.treeId = treeId;
        this.path = path;
    }

    Smb2FileId fileId() {
        return fileId;
    }

    @Override
    public Open open() {
        return open;
    }

    /** The durability granted at CREATE (kept across reconnects), or null for an ordinary open. */
    DurableContexts.Granted durable() {
        return durable;
    }

    void durable(DurableContexts.Granted granted) {
        durable = granted;
    }

    /**
     * What a durable v2 CREATE made: its CreateGuid, the lease key it asked for (null for an
     * oplock or nothing) and its answer.
     */
    record Created(java.util.UUID createGuid, dev.haven.files.LeaseKey leaseKey, CreateResponse response) {}

    /** The durable v2 CREATE this open was made with, or null. */
    Created created() {
        return created;
    }

    void created(Created c) {
        created = c;
        replayEligible = c != null;
    }

    /** True until a request names this open: until then a replay of its CREATE gets it back. */
    boolean replayEligible() {
        return replayEligible;
    }

    /**
     * The client has used the open, so it has its CREATE's answer; a persistent open stays
     * replay-eligible ([MS-SMB2] 3.3.5.21 and its siblings: "If Open.IsPersistent is FALSE").
     */
    void used() {
        DurableContexts.Granted d = durable;
        if (d == null || !d.persistent()) {
            replayEligible = false;
        }
    }

    /** The lock-sequence replay table; lock it while using it (two channels may use one open). */
    LockSequenceTable lockSequences() {
        return lockSequences;
    }

    int channelSequence() {
        return channelSequence;
    }

    void channelSequence(int sequence) {
        channelSequence = sequence;
    }

    java.util.UUID appInstanceId() {
        return appInstanceId;
    }

    void appInstanceId(java.util.UUID id) {
        appInstanceId = id;
    }

    /** Takes over the state a reconnected open had on its previous session. */
    void resume(SmbOpen previous) {
        appInstanceId = previous.appInstanceId;
        replayEligible = previous.replayEligible;
        channelSequence = previous.channelSequence;
        durable = previous.durable;
        created = previous.created;
        position = previous.position;
        lockSequences = previous.lockSequences;
    }

    int treeId() {
        return treeId;
    }

    /** The path from the share root, components joined with '\'. */
    String path() {
        return path;
    }

    void renamedTo(String newPath) {
        path = newPath;
    }

    DirectorySearch search() {
        return search;
    }

    void search(DirectorySearch s) {
        search = s;
    }

    long position() {
        return position;
    }

    void position(long p) {
        position = p;
    }

    int eaIndex() {
        return eaIndex;
    }

    void eaIndex(int i) {
        eaIndex = i;
    }
}
