package dev.haven.smb.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The part of [MS-SMB2] 3.1.4.1 / 3.1.5.1 common to every algorithm: zero the 16-byte Signature
 * field, compute the MAC over the whole message, copy (or compare) 16 bytes.
 *
 * <p>Each subclass keeps its MAC engine (keyed once) for the signer's lifetime, since creating and
 * keying one per message was the top signing cost in profiles. An engine is stateful, so every
 * {@link #mac} call runs under this signer's lock. A lock rather than a ThreadLocal: the server
 * runs one session's messages on its connection's serial executor, a new virtual thread per task,
 * so a per-thread engine would be rebuilt for nearly every message and the lock is uncontended.
 */
abstract class SignerBase implements MessageSigner {
    static final int HEADER_LENGTH = 64;
    static final int SIGNATURE_OFFSET = 48;
    static final int SIGNATURE_LENGTH = 16;

    private final ReentrantLock lock = new ReentrantLock();

    static byte[] checkKey(byte[] key, int keyLength) {
        if (key == null || key.length != keyLength) {
            throw new IllegalArgumentException("signing key must be " + keyLength + " bytes");
        }
        return key.clone();
    }

    private static final ByteBuffer NO_TAIL = ByteBuffer.allocate(0);

    /**
     * The MAC over head[offset, offset+length) followed by the remaining bytes of {@code tail}
     * (which it may consume), the signature field in the head already zero; called under the
     * lock, so it may use the subclass's engine. It must leave the engine ready for the next
     * message.
     */
    abstract byte[] mac(byte[] head, int offset, int length, ByteBuffer tail);

    private byte[] lockedMac(byte[] head, int offset, int length, ByteBuffer tail) {
        lock.lock();
        try {
            return mac(head, offset, length, tail);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void sign(byte[] message, int offset, int length) {
        signParts(message, offset, length, NO_TAIL);
    }

    @Override
    public final void sign(byte[] head, ByteBuffer tail) {
        signParts(head, 0, head.length, tail.duplicate());
    }

    private void signParts(byte[] head, int offset, int length, ByteBuffer tail) {
        checkBounds(head, offset, length);
        Arrays.fill(head, offset + SIGNATURE_OFFSET, offset + SIGNATURE_OFFSET + SIGNATURE_LENGTH, (byte) 0);
        byte[] mac = lockedMac(head, offset, length, tail);
        System.arraycopy(mac, 0, head, offset + SIGNATURE_OFFSET, SIGNATURE_LENGTH);
    }

    @Override
    public final boolean verify(byte[] message, int offset, int length) {
        return verifyParts(message, offset, length, NO_TAIL);
    }

    @Override
    public final boolean verify(byte[] head, ByteBuffer tail) {
        return head != null && verifyParts(head, 0, head.length, tail.duplicate());
    }

    private boolean verifyParts(byte[] message, int offset, int length, ByteBuffer tail) {
        if (message == null || offset < 0 || length < HEADER_LENGTH || length > message.length - offset) {
            return false;
        }
        int at = offset + SIGNATURE_OFFSET;
        byte[] received = Arrays.copyOfRange(message, at, at + SIGNATURE_LENGTH);
        Arrays.fill(message, at, at + SIGNATURE_LENGTH, (byte) 0);
        try {
            byte[] expected = Arrays.copyOf(lockedMac(message, offset, length, tail), SIGNATURE_LENGTH);
            return MessageDigest.isEqual(expected, received);
        } finally {
            System.arraycopy(received, 0, message, at, SIGNATURE_LENGTH);
        }
    }

    private static void checkBounds(byte[] message, int offset, int length) {
        if (offset < 0 || length < HEADER_LENGTH || length > message.length - offset) {
            throw new IllegalArgumentException("not a whole SMB2 message: offset " + offset + ", length " + length);
        }
    }
}
