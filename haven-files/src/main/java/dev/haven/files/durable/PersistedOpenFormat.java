package dev.haven.files.durable;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.security.Sid;
import dev.haven.files.service.SharePath;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The written form of one {@link OpenStore} record (docs/design/persistent-opens.md). Little-endian:
 *
 * <pre>
 *  0  4  magic "HPO1"
 *  4  2  format version (1)
 *  6  1  kind: 1 an open, 2 a free slot
 *  7  1  reserved, 0
 *  8  8  sequence number: the newest of a slot's two copies wins
 * 16  4  payload length N
 * 20  N  payload (an open: see {@link #encodeOpen})
 * 20+N 4 CRC-32C of bytes [0, 20+N)
 * </pre>
 *
 * A record with a bad magic, version, length or checksum is damaged: a write torn by a crash, or
 * worse; {@link #decode} tells it apart from a slot never written (all zeros).
 */
final class PersistedOpenFormat {
    static final int MAGIC = 0x314F5048; // "HPO1" little-endian
    static final int VERSION = 1;
    static final int HEADER = 20;
    static final int TRAILER = 4;
    static final byte KIND_OPEN = 1;
    static final byte KIND_FREE = 2;

    /** What a slot copy holds. */
    sealed interface Copy {}

    /** Never written: all zeros. */
    record Empty() implements Copy {}

    /** Not a valid record (torn by a crash, or damaged). */
    record Damaged(String why) implements Copy {}

    /** A valid record: an open, or (open null) a free slot. */
    record Valid(long sequence, PersistedOpen open) implements Copy {}

    private PersistedOpenFormat() {
    }

    /** The bytes of a record: {@code open}, or a free-slot marker when null. */
    static byte[] encode(long sequence, PersistedOpen open) {
        byte[] payload = open == null ? new byte[0] : encodeOpen(open);
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).put(open == null ? KIND_FREE : KIND_OPEN).put((byte) 0);
        b.putLong(sequence).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEADER + payload.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Reads the copy at the start of {@code slot}. */
    static Copy decode(byte[] slot) {
        ByteBuffer b = ByteBuffer.wrap(slot).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            return allZero(slot) ? new Empty() : new Damaged("bad magic");
        }
        if (b.getShort(4) != VERSION) {
            return new Damaged("format version " + b.getShort(4));
        }
        byte kind = b.get(6);
        long sequence = b.getLong(8);
        int length = b.getInt(16);
        if (length < 0 || length > slot.length - HEADER - TRAILER) {
            return new Damaged("payload length " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(slot, 0, HEADER + length);
        if ((int) crc.getValue() != b.getInt(HEADER + length)) {
            return new Damaged("checksum mismatch");
        }
        if (kind == KIND_FREE && length == 0) {
            return new Valid(sequence, null);
        }
        if (kind != KIND_OPEN) {
            return new Damaged("record kind " + kind);
        }
        try {
            return new Valid(sequence, decodeOpen(b.slice(HEADER, length).order(ByteOrder.LITTLE_ENDIAN)));
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            return new Damaged("unreadable open: " + e);
        }
    }

    private static boolean allZero(byte[] bytes) {
        for (byte x : bytes) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * An open's payload: durable id u64 | open id 16 | share str | path u16 count, str each |
     * parent u64 | inode u64 | generation u64 | flags u8 (1 directory, 2 write-through) | granted
     * u32 | share access u32 | owner SID str | ClientGuid 16 | lease key opt16 | CreateGuid opt16
     * | timeout ms u64 | oplock u8 | lease state u8 (0xFF none) | epoch u16 | parent lease key 16 |
     * lease v2 u8 | locks u32 count, (offset u64, length u64, exclusive u8) each | protocol str |
     * front-end state u32 length, bytes. str: u16 length, UTF-8; opt16: u8 present, 16 bytes.
     */
    static byte[] encodeOpen(PersistedOpen o) {
        Out out = new Out();
        out.b.putLong(o.durableId());
        uuid(out.b, o.openId().value());
        out.str(o.share());
        out.ensure(2);
        out.b.putShort((short) o.path().components().size());
        o.path().components().forEach(out::str);
        out.ensure(64);
        out.b.putLong(o.parent()).putLong(o.inode()).putLong(o.generation());
        out.b.put((byte) ((o.directory() ? 1 : 0) | (o.writeThrough() ? 2 : 0)));
        out.b.putInt(o.granted()).putInt(o.shareAccess());
        PersistedOpen.Owner w = o.who();
        out.str(w.user().toString());
        out.ensure(96);
        uuid(out.b, w.client().value());
        out.opt(w.leaseKey() == null ? null : new UUID(w.leaseKey().high(), w.leaseKey().low()));
        out.opt(w.createGuid());
        out.b.putLong(w.timeout().toMillis());
        PersistedOpen.Caching c = o.caching();
        out.b.put((byte) c.oplock().code());
        out.b.put(c.lease() == null ? (byte) 0xFF : (byte) c.lease().bits());
        out.b.putShort((short) c.epoch());
        uuid(out.b, new UUID(c.parentKey().high(), c.parentKey().low()));
        out.b.put((byte) (c.v2() ? 1 : 0));
        out.ensure(4 + 17 * o.locks().size());
        out.b.putInt(o.locks().size());
        for (LockRequest l : o.locks()) {
            out.b.putLong(l.offset()).putLong(l.length()).put((byte) (l.exclusive() ? 1 : 0));
        }
        out.str(o.protocol());
        byte[] fe = o.frontEnd();
        out.ensure(4 + fe.length);
        out.b.putInt(fe.length).put(fe);
        return java.util.Arrays.copyOf(out.b.array(), out.b.position());
    }

    static PersistedOpen decodeOpen(ByteBuffer b) {
        long durableId = b.getLong();
        OpenId openId = new OpenId(uuid(b));
        String share = str(b);
        int n = Short.toUnsignedInt(b.getShort());
        List<String> components = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            components.add(str(b));
        }
        long parent = b.getLong();
        long inode = b.getLong();
        long generation = b.getLong();
        int flags = b.get();
        int granted = b.getInt();
        int shareAccess = b.getInt();
        Sid user = Sid.parse(str(b));
        ClientGuid client = new ClientGuid(uuid(b));
        UUID lk = opt(b);
        UUID createGuid = opt(b);
        Duration timeout = Duration.ofMillis(b.getLong());
        OplockLevel oplock = oplockOf(Byte.toUnsignedInt(b.get()));
        int leaseBits = Byte.toUnsignedInt(b.get());
        int epoch = Short.toUnsignedInt(b.getShort());
        UUID parentKey = uuid(b);
        boolean v2 = b.get() != 0;
        int lockCount = b.getInt();
        if (lockCount < 0 || lockCount > b.remaining() / 17) {
            throw new IllegalArgumentException("lock count " + lockCount);
        }
        List<LockRequest> locks = new ArrayList<>(lockCount);
        for (int i = 0; i < lockCount; i++) {
            locks.add(new LockRequest(b.getLong(), b.getLong(), b.get() != 0));
        }
        String protocol = str(b);
        int feLength = b.getInt();
        if (feLength < 0 || feLength > b.remaining()) {
            throw new IllegalArgumentException("front-end state of " + feLength + " bytes");
        }
        byte[] fe = new byte[feLength];
        b.get(fe);
        LeaseKey leaseKey = lk == null ? null : new LeaseKey(lk.getMostSignificantBits(), lk.getLeastSignificantBits());
        PersistedOpen.Caching caching = new PersistedOpen.Caching(oplock,
                leaseBits == 0xFF ? null : LeaseState.of(leaseBits), epoch,
                new LeaseKey(parentKey.getMostSignificantBits(), parentKey.getLeastSignificantBits()), v2);
        return new PersistedOpen(durableId, openId, share, new SharePath(components), parent, inode, generation,
                (flags & 1) != 0, granted, shareAccess, (flags & 2) != 0,
                new PersistedOpen.Owner(user, client, leaseKey, createGuid, timeout), caching, locks, protocol, fe);
    }

    private static OplockLevel oplockOf(int code) {
        for (OplockLevel l : OplockLevel.values()) {
            if (l.code() == code) {
                return l;
            }
        }
        throw new IllegalArgumentException("oplock level " + code);
    }

    private static void uuid(ByteBuffer b, UUID u) {
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer b) {
        return new UUID(b.getLong(), b.getLong());
    }

    private static UUID opt(ByteBuffer b) {
        return b.get() == 0 ? null : uuid(b);
    }

    private static String str(ByteBuffer b) {
        byte[] s = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** A growing little-endian buffer. */
    private static final class Out {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);

        void ensure(int more) {
            if (b.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more))
                        .order(ByteOrder.LITTLE_ENDIAN);
                b.flip();
                bigger.put(b);
                b = bigger;
            }
        }

        void str(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            if (u.length > 0xFFFF) {
                throw new IllegalArgumentException("string of " + u.length + " bytes");
            }
            ensure(2 + u.length);
            b.putShort((short) u.length).put(u);
        }

        void opt(UUID u) {
            ensure(17);
            b.put((byte) (u == null ? 0 : 1));
            if (u != null) {
                uuid(b, u);
            }
        }
    }
}
