package dev.haven.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 2.2.41 TRANSFORM_HEADER and 3.1.4.3 encryption: round trips, header layout, tampering. */
class TransformCipherTest {
    private static final long SESSION_ID = 0x1122334455667788L;

    @Test
    void roundTripsEveryCipherBetweenPeers() throws Exception {
        for (EncryptionCipher c : EncryptionCipher.values()) {
            byte[] s2c = key(c, 1);
            byte[] c2s = key(c, 2);
            TransformCipher server = TransformCipher.of(c, s2c, c2s, new SecureRandom());
            TransformCipher client = TransformCipher.of(c, c2s, s2c, new SecureRandom());
            for (int size : new int[] {0, 1, 64, 1000}) {
                byte[] plain = MessageSignerTest.message(new Random(size), Math.max(size, 4));
                byte[] sealed = server.encrypt(plain, SESSION_ID);
                assertEquals(52 + plain.length, sealed.length);
                assertArrayEquals(plain, client.decrypt(sealed, SESSION_ID), c + " size " + size);
                assertArrayEquals(plain, server.decrypt(client.encrypt(plain, SESSION_ID)), c + " size " + size);
            }
        }
    }

    @Test
    void writesTheHeaderFieldsOfTheSpec() {
        TransformCipher gcm = TransformCipher.of(EncryptionCipher.AES_128_GCM, key(EncryptionCipher.AES_128_GCM, 1),
                key(EncryptionCipher.AES_128_GCM, 2), new SecureRandom());
        byte[] sealed = gcm.encrypt(new byte[300], SESSION_ID);
        HexFormat hex = HexFormat.of();
        assertEquals("fd534d42", hex.formatHex(sealed, 0, 4));
        assertEquals("2c010000", hex.formatHex(sealed, 36, 40)); // OriginalMessageSize 300
        assertEquals("00000100", hex.formatHex(sealed, 40, 44)); // Reserved, Flags = Encrypted
        assertEquals("8877665544332211", hex.formatHex(sealed, 44, 52));
        assertEquals("00000000", hex.formatHex(sealed, 32, 36)); // nonce bytes 12..15 unused by GCM
        assertEquals(SESSION_ID, TransformCipher.sessionIdOf(sealed));
        TransformCipher ccm = TransformCipher.of(EncryptionCipher.AES_128_CCM, key(EncryptionCipher.AES_128_CCM, 1),
                key(EncryptionCipher.AES_128_CCM, 2), new SecureRandom());
        assertEquals("0000000000", hex.formatHex(ccm.encrypt(new byte[10], 1), 31, 36)); // CCM uses 11
    }

    @Test
    void neverRepeatsANonce() {
        TransformCipher gcm = TransformCipher.of(EncryptionCipher.AES_256_GCM, key(EncryptionCipher.AES_256_GCM, 1),
                key(EncryptionCipher.AES_256_GCM, 2), new SecureRandom());
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] sealed = gcm.encrypt(new byte[8], SESSION_ID);
            assertEquals(true, nonces.add(HexFormat.of().formatHex(sealed, 20, 36)));
        }
    }

    @Test
    void rejectsAnyFlippedByte() throws Exception {
        for (EncryptionCipher c : EncryptionCipher.values()) {
            TransformCipher peer = TransformCipher.of(c, key(c, 2), key(c, 1), new SecureRandom());
            TransformCipher server = TransformCipher.of(c, key(c, 1), key(c, 2), new SecureRandom());
            byte[] sealed = peer.encrypt(MessageSignerTest.message(new Random(7), 100), SESSION_ID);
            for (int i = 0; i < sealed.length; i++) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) 0x80;
                int at = i;
                // Even the unused nonce bytes are covered: the AAD is the whole header from offset 20.
                assertThrows(AEADBadTagException.class, () -> server.decrypt(bad), c + " flipped byte " + at);
            }
        }
    }

    @Test
    void refusesWrongSessionIdSizeMismatchAndTruncation() {
        EncryptionCipher c = EncryptionCipher.AES_128_CCM;
        TransformCipher peer = TransformCipher.of(c, key(c, 2), key(c, 1), new SecureRandom());
        TransformCipher server = TransformCipher.of(c, key(c, 1), key(c, 2), new SecureRandom());
        byte[] sealed = peer.encrypt(new byte[80], SESSION_ID);
        assertThrows(AEADBadTagException.class, () -> server.decrypt(sealed, SESSION_ID + 1));
        assertThrows(AEADBadTagException.class, () -> server.decrypt(Arrays.copyOf(sealed, sealed.length + 1)));
        for (int len = 0; len < sealed.length; len++) {
            byte[] cut = Arrays.copyOf(sealed, len);
            assertThrows(AEADBadTagException.class, () -> server.decrypt(cut), "length " + len);
        }
        assertThrows(AEADBadTagException.class, () -> server.decrypt(null));
        assertEquals(-1, TransformCipher.sessionIdOf(new byte[51]));
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class,
                () -> TransformCipher.of(EncryptionCipher.AES_256_GCM, new byte[16], new byte[32], new SecureRandom()));
    }

    @Test
    void encryptsTheSameMessageDifferentlyEachTime() {
        EncryptionCipher c = EncryptionCipher.AES_128_GCM;
        TransformCipher a = TransformCipher.of(c, key(c, 1), key(c, 2), new SecureRandom());
        byte[] plain = new byte[32];
        assertNotEquals(HexFormat.of().formatHex(a.encrypt(plain, 1)), HexFormat.of().formatHex(a.encrypt(plain, 1)));
    }

    private static byte[] key(EncryptionCipher c, int seed) {
        byte[] k = new byte[c.keyBits() / 8];
        new Random(seed).nextBytes(k);
        return k;
    }
}
