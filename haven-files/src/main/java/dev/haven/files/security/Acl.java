package dev.haven.files.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-DTYP] 2.4.5 ACL: AclRevision (2, or 4 with object ACEs), Sbz1, AclSize, AceCount, Sbz2,
 * then the ACEs in order (order matters to the access check).
 *
 * @param revision AclRevision
 * @param aces     the ACEs in order
 */
public record Acl(int revision, List<Ace> aces) {
    /** ACL_REVISION. */
    public static final int REVISION = 2;
    private static final int HEADER = 8;
    private static final int MAX_SIZE = 0xFFFF;

    /** Copies the list. */
    public Acl {
        aces = List.copyOf(aces);
    }

    /** An ACL of revision 2 with these ACEs. */
    public static Acl of(List<Ace> aces) {
        return new Acl(REVISION, aces);
    }

    /** AclSize: the encoded size. */
    public int size() {
        int n = HEADER;
        for (Ace a : aces) {
            n += a.size();
        }
        return n;
    }

    void encode(ByteBuffer out) {
        out.put((byte) revision).put((byte) 0).putShort((short) size()).putShort((short) aces.size()).putShort((short) 0);
        for (Ace a : aces) {
            a.encode(out);
        }
    }

    static Acl decode(byte[] bytes, int offset) {
        if (offset < 0 || offset + HEADER > bytes.length) {
            throw new MalformedDescriptorException("ACL at " + offset + " beyond " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int revision = bytes[offset] & 0xFF;
        int size = b.getShort(offset + 2) & 0xFFFF;
        int count = b.getShort(offset + 4) & 0xFFFF;
        if (revision < 2 || revision > 4 || size < HEADER || offset + size > bytes.length || size > MAX_SIZE) {
            throw new MalformedDescriptorException("bad ACL header at " + offset);
        }
        int limit = offset + size;
        int at = offset + HEADER;
        List<Ace> aces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Ace a = Ace.decode(bytes, at, limit);
            aces.add(a);
            at += a.size();
        }
        return new Acl(revision, aces);
    }
}
