package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.26: SMB2 LOCK Request. StructureSize (48), LockCount (2), LockSequenceNumber/Index
 * (4), FileId (16), Locks: LockCount SMB2_LOCK_ELEMENTs of Offset (8), Length (8), Flags (4),
 * Reserved (4).
 */
public record LockRequest(int lockSequence, Smb2FileId fileId, List<Element> locks) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 48;
    /** Flags SMB2_LOCKFLAG_SHARED_LOCK. */
    public static final int SHARED_LOCK = 0x01;
    /** Flags SMB2_LOCKFLAG_EXCLUSIVE_LOCK. */
    public static final int EXCLUSIVE_LOCK = 0x02;
    /** Flags SMB2_LOCKFLAG_UNLOCK. */
    public static final int UNLOCK = 0x04;
    /** Flags SMB2_LOCKFLAG_FAIL_IMMEDIATELY. */
    public static final int FAIL_IMMEDIATELY = 0x10;

    /** [MS-SMB2] 2.2.26.1: one SMB2_LOCK_ELEMENT. */
    public record Element(long offset, long length, int flags) {
    }

    /** Copies the list. */
    public LockRequest {
        locks = List.copyOf(locks);
    }

    static LockRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int count = r.u16();
        int sequence = r.u32();
        Smb2FileId id = Smb2FileId.decode(r);
        if (count == 0) {
            throw MalformedMessageException.body("LockCount 0");
        }
        List<Element> locks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = r.u64();
            long length = r.u64();
            int flags = r.u32();
            r.skip(4);
            locks.add(new Element(offset, length, flags));
        }
        return new LockRequest(sequence, id, locks);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(locks.size()).u32(lockSequence);
        fileId.encode(w);
        for (Element e : locks) {
            w.u64(e.offset).u64(e.length).u32(e.flags).u32(0);
        }
    }
}
