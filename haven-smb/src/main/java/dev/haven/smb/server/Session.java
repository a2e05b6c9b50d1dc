package dev.haven.smb.server;

import dev.haven.files.security.Token;
import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.crypto.TransformCipher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * [MS-SMB2] 3.3.1.8: one session, in the server-wide {@link SessionTable}, reachable through
 * one {@link Channel} per bound connection (3.3.5.5.2). Thread-safety: channels of a session run
 * on different connections' serial executors, so everything here is safe for concurrent use:
 * the tree and open tables are concurrent maps, identity and keys are volatile (written once by
 * the first authentication, identity again by a re-authentication), and state transitions and
 * channel membership change under {@link #lock}. Per-channel state lives in {@link Channel}
 * and is touched by its own connection only.
 */
final class Session {
    private final long sessionId;
    /** Session.Connection's Dialect, CipherId, SigningAlgorithmId: what a binding must match. */
    private final Dialect dialect;
    private final EncryptionCipher connectionCipher;
    private final SigningAlgorithm signingAlgorithm;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile SessionState state = SessionState.IN_PROGRESS;
    private final ConcurrentHashMap<Connection, Channel> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, TreeConnect> trees = new ConcurrentHashMap<>();
    private final AtomicInteger nextTreeId = new AtomicInteger(1);
    /** [MS-SMB2] 3.3.1.10 Session.OpenTable, by the volatile part of the FileId. */
    private final ConcurrentHashMap<Long, SmbOpen> opens = new ConcurrentHashMap<>();
    private final AtomicLong nextVolatileId = new AtomicLong(1);

    volatile String userName = "";
    /** Who the session's user is to the access check; set at session setup and re-authentication. */
    volatile Token token = Token.unmapped("");
    volatile boolean anonymous;
    volatile boolean guest;
    /** [MS-SMB2] 3.3.1.8 Session.SigningRequired. */
    volatile boolean signingRequired;
    /** [MS-SMB2] 3.3.1.8 Session.EncryptData. */
    volatile boolean encryptData;
    /** Session.SigningKey: null until keys exist (and for anonymous and guest sessions). */
    private volatile byte[] signingKey;
    /** Null unless the dialect is 3.x and keys exist. */
    volatile TransformCipher cipher;
    /** [MS-SMB2] 3.3.1.8 Session.ExpirationTime; null: never expires. */
    volatile Instant expirationTime;

    /** A session whose first channel is on {@code first}, which fixes Session.Connection's parameters. */
    Session(long sessionId, Connection first) {
        this.sessionId = sessionId;
        this.dialect = first.dialect;
        this.connectionCipher = first.cipher;
        this.signingAlgorithm = first.signingAlgorithm;
        channels.put(first, new Channel(first));
    }

    /** A detached session without channels or connection parameters, for handler unit tests. */
    Session(long sessionId) {
        this.sessionId = sessionId;
        this.dialect = null;
        this.connectionCipher = null;
        this.signingAlgorithm = null;
    }

    long sessionId() {
        return sessionId;
    }

    Dialect dialect() {
        return dialect;
    }

    EncryptionCipher connectionCipher() {
        return connectionCipher;
    }

    SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    SessionState state() {
        return state;
    }

    void moveTo(SessionState next) {
        lock.lock();
        try {
            state = state.to(next);
        } finally {
            lock.unlock();
        }
    }

    /** Moves to CLOSED unless already there; true for the one caller that closed it. */
    boolean close() {
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return false;
            }
            state = state.to(SessionState.CLOSED);
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isValid() {
        return state == SessionState.VALID;
    }

    /**
     * [MS-SMB2] 3.3.5.2.9: a VALID session whose ExpirationTime has passed becomes EXPIRED.
     * Returns the state after the check.
     */
    SessionState checkExpiry(Instant now) {
        lock.lock();
        try {
            Instant expires = expirationTime;
            if (state == SessionState.VALID && expires != null && !now.isBefore(expires)) {
                state = state.to(SessionState.EXPIRED);
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** The channel of {@code connection}, or null when the session is not bound to it. */
    Channel channel(Connection connection) {
        return channels.get(connection);
    }

    /** Adds a channel for a binding exchange ([MS-SMB2] 3.3.5.5.2); null once the session is closed. */
    Channel addChannel(Connection connection) {
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return null;
            }
            return channels.computeIfAbsent(connection, Channel::new);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a channel; true when it was the last one, so that the caller ends the session. */
    boolean removeChannel(Connection connection) {
        lock.lock();
        try {
            return channels.remove(connection) != null && channels.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The connections this session has a channel on (a snapshot). */
    List<Connection> connections() {
        return List.copyOf(channels.keySet());
    }

    int channelCount() {
        return channels.size();
    }

    /** The signer for messages on {@code connection}: its Channel.SigningKey; null without keys. */
    MessageSigner signerFor(Connection connection) {
        Channel c = channels.get(connection);
        return c == null ? null : c.signer;
    }

    /** Session.SigningKey (a copy); null until the first authentication derived keys. */
    byte[] signingKey() {
        byte[] key = signingKey;
        return key == null ? null : key.clone();
    }

    void signingKey(byte[] key) {
        signingKey = key.clone();
    }

    TreeConnect addTree(ShareConfig share, boolean encrypt) {
        int id = nextTreeId.getAndIncrement();
        TreeConnect tree = new TreeConnect(id, share, encrypt);
        trees.put(id, tree);
        return tree;
    }

    TreeConnect tree(int treeId) {
        return trees.get(treeId);
    }

    TreeConnect removeTree(int treeId) {
        return trees.remove(treeId);
    }

    /** Adds an open; its FileId has a fresh volatile part and a persistent part of the open's own. */
    SmbOpen addOpen(dev.haven.files.service.Open open, int treeId, String path) {
        long volatileId = nextVolatileId.getAndIncrement();
        SmbOpen o = new SmbOpen(new dev.haven.smb.wire.Smb2FileId(durableId(open), volatileId), open, treeId, path);
        opens.put(volatileId, o);
        return o;
    }

    /**
     * The persistent part of an open's FileId ([MS-SMB2] Open.DurableFileId): derived from the
     * file-service open, so it is the same on every session the open is reconnected to.
     */
    static long durableId(dev.haven.files.service.Open open) {
        return open.id().value().getLeastSignificantBits();
    }

    /** The open whose FileId has this persistent part, or null. */
    SmbOpen openByDurableId(long durableId) {
        for (SmbOpen o : opens.values()) {
            if (o.fileId().persistent() == durableId) {
                return o;
            }
        }
        return null;
    }

    /** The CreateGuids of durable v2 CREATEs of this session still waiting (for a break) to open. */
    private final java.util.Set<java.util.UUID> pendingCreates = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Notes that the durable v2 CREATE {@code createGuid} waits, or (false) no longer does. */
    void createPending(java.util.UUID createGuid, boolean pending) {
        if (pending) {
            pendingCreates.add(createGuid);
        } else {
            pendingCreates.remove(createGuid);
        }
    }

    /** True while the durable v2 CREATE {@code createGuid} of this session waits to open. */
    boolean isCreatePending(java.util.UUID createGuid) {
        return pendingCreates.contains(createGuid);
    }

    /** The open a durable v2 CREATE with {@code createGuid} made on this session, or null ([MS-SMB2] 3.3.5.9.10). */
    SmbOpen openByCreateGuid(java.util.UUID createGuid) {
        for (SmbOpen o : opens.values()) {
            SmbOpen.Created c = o.created();
            if (c != null && createGuid.equals(c.createGuid())) {
                return o;
            }
        }
        return null;
    }

    /** Its opens now. */
    List<SmbOpen> opens() {
        return List.copyOf(opens.values());
    }

    SmbOpen open(long volatileId) {
        return opens.get(volatileId);
    }

    void removeOpen(SmbOpen open) {
        opens.remove(open.fileId().volatileId(), open);
    }

    /** Removes and returns the opens of one tree (0: of every tree). */
    List<SmbOpen> takeOpens(int treeId) {
        List<SmbOpen> taken = new ArrayList<>();
        for (Iterator<SmbOpen> it = opens.values().iterator(); it.hasNext(); ) {
            SmbOpen o = it.next();
            if (treeId == 0 || o.treeId() == treeId) {
                taken.add(o);
                it.remove();
            }
        }
        return taken;
    }
}
