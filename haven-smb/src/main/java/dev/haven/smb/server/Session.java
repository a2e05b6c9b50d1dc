package dev.haven.smb.server;

import dev.haven.files.security.Token;

import dev.haven.smb.auth.SpnegoAcceptor;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.TransformCipher;
import java.util.HashMap;
import java.util.Map;

/**
 * [MS-SMB2] 3.3.1.8: one session on a connection. Touched only by the connection's serial
 * executor, so it needs no locks.
 */
final class Session {
    private final long sessionId;
    private SessionState state = SessionState.IN_PROGRESS;
    private final Map<Integer, TreeConnect> trees = new HashMap<>();
    private int nextTreeId = 1;
    /** [MS-SMB2] 3.3.1.10 Session.OpenTable, by the volatile part of the FileId. */
    private final Map<Long, SmbOpen> opens = new HashMap<>();
    private long nextVolatileId = 1;

    /** The acceptor of the exchange under way, null once it ends. */
    SpnegoAcceptor acceptor;
    /** 3.1.1 only: Session.PreauthIntegrityHashValue while authenticating. */
    PreauthIntegrity preauth;
    String userName = "";
    /** Who the session's user is to the access check; set at session setup. */
    Token token = Token.unmapped("");
    boolean anonymous;
    boolean guest;
    /** [MS-SMB2] 3.3.1.8 Session.SigningRequired. */
    boolean signingRequired;
    /** [MS-SMB2] 3.3.1.8 Session.EncryptData. */
    boolean encryptData;
    /** Null until keys exist (and for anonymous and guest sessions). */
    MessageSigner signer;
    /** Null unless the dialect is 3.x and keys exist. */
    TransformCipher cipher;

    Session(long sessionId) {
        this.sessionId = sessionId;
    }

    long sessionId() {
        return sessionId;
    }

    SessionState state() {
        return state;
    }

    void moveTo(SessionState next) {
        state = state.to(next);
    }

    boolean isValid() {
        return state == SessionState.VALID;
    }

    TreeConnect addTree(ShareConfig share, boolean encrypt) {
        int id = nextTreeId++;
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
        long volatileId = nextVolatileId++;
        long persistent = open.id().value().getLeastSignificantBits();
        SmbOpen o = new SmbOpen(new dev.haven.smb.wire.Smb2FileId(persistent, volatileId), open, treeId, path);
        opens.put(volatileId, o);
        return o;
    }

    SmbOpen open(long volatileId) {
        return opens.get(volatileId);
    }

    void removeOpen(SmbOpen open) {
        opens.remove(open.fileId().volatileId(), open);
    }

    /** Removes and returns the opens of one tree (0: of every tree). */
    java.util.List<SmbOpen> takeOpens(int treeId) {
        java.util.List<SmbOpen> taken = new java.util.ArrayList<>();
        for (java.util.Iterator<SmbOpen> it = opens.values().iterator(); it.hasNext(); ) {
            SmbOpen o = it.next();
            if (treeId == 0 || o.treeId() == treeId) {
                taken.add(o);
                it.remove();
            }
        }
        return taken;
    }
}
