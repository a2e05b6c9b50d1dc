package dev.haven.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.1.4.1 signing, with the RFC 4493 AES-CMAC test vectors (section 4). */
class MessageSignerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC4493_KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final String RFC4493_M = "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";
    private static final byte[] KEY = HEX.parseHex("00112233445566778899aabbccddeeff");

    @Test
    void aesCmacMatchesRfc4493Examples() {
        byte[] m = HEX.parseHex(RFC4493_M);
        assertEquals("bb1d6929e95937287fa37d129b756746", cmac(m, 0));
        assertEquals("070a16b46b4d4144f79bdd9dd04a287c", cmac(m, 16));
        assertEquals("dfa66747de9ae63030ca32611497c827", cmac(m, 40));
        assertEquals("51f0bebf7e3b9d92fc49741779363cfe", cmac(m, 64));
    }

    @Test
    void hmacSha256SignatureIsTruncatedHmacOverZeroedField() throws GeneralSecurityException {
        byte[] msg = message(new Random(1), 200);
        MessageSigner.of(SigningAlgorithm.HMAC_SHA256, KEY).sign(msg, 0, msg.length);
        byte[] zeroed = msg.clone();
        Arrays.fill(zeroed, 48, 64, (byte) 0);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        assertArrayEquals(Arrays.copyOf(hmac.doFinal(zeroed), 16), Arrays.copyOfRange(msg, 48, 64));
    }

    @Test
    void cmacSignatureIsCmacOverZeroedField() {
        byte[] msg = message(new Random(2), 150);
        MessageSigner.of(SigningAlgorithm.AES_CMAC, KEY).sign(msg, 0, msg.length);
        byte[] zeroed = msg.clone();
        Arrays.fill(zeroed, 48, 64, (byte) 0);
        assertArrayEquals(AesCmacSigner.cmac(KEY, zeroed, 0, zeroed.length), Arrays.copyOfRange(msg, 48, 64));
    }

    @Test
    void everyAlgorithmVerifiesWhatItSignsAndRejectsAnyFlippedByte() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            MessageSigner signer = MessageSigner.of(alg, KEY);
            byte[] buf = new byte[10 + 120 + 7];
            byte[] msg = message(new Random(alg.ordinal()), 120);
            System.arraycopy(msg, 0, buf, 10, msg.length);
            signer.sign(buf, 10, 120);
            assertTrue(signer.verify(buf, 10, 120), alg.name());
            for (int i = 10; i < 130; i++) {
                buf[i] ^= 0x01;
                assertFalse(signer.verify(buf, 10, 120), alg + " flipped byte " + i);
                buf[i] ^= 0x01;
            }
            assertTrue(signer.verify(buf, 10, 120), alg + " verify restores the signature field");
            assertFalse(MessageSigner.of(alg, HEX.parseHex("ffeeddccbbaa99887766554433221100")).verify(buf, 10, 120));
        }
    }

    @Test
    void signChangesOnlyTheSignatureField() {
        byte[] msg = message(new Random(3), 100);
        byte[] before = msg.clone();
        MessageSigner.of(SigningAlgorithm.AES_GMAC, KEY).sign(msg, 0, msg.length);
        for (int i = 0; i < msg.length; i++) {
            if (i < 48 || i >= 64) {
                assertEquals(before[i], msg[i], "byte " + i);
            }
        }
    }

    @Test
    void gmacNonceCarriesMessageIdRoleAndCancelBits() {
        byte[] msg = message(new Random(4), 64);
        for (int i = 0; i < 8; i++) {
            msg[24 + i] = (byte) (i + 1);
        }
        msg[16] = 0; // request
        msg[12] = 0x0C; // SMB2 CANCEL
        msg[13] = 0;
        assertEquals("010203040506070802000000", HEX.formatHex(AesGmacSigner.nonce(msg, 0)));
        msg[16] = 1; // SMB2_FLAGS_SERVER_TO_REDIR
        msg[12] = 0x08;
        assertEquals("010203040506070801000000", HEX.formatHex(AesGmacSigner.nonce(msg, 0)));
        msg[16] = 0;
        assertEquals("010203040506070800000000", HEX.formatHex(AesGmacSigner.nonce(msg, 0)));
    }

    @Test
    void gcmMultiplicationMatchesTheGcmSpecificationsTestCase2() {
        // McGrew and Viega, "The Galois/Counter Mode of Operation", test case 2: X1 = C * H.
        long[] x1 = AesGmacSigner.multiply(0x0388dace60b6a392L, 0xf328c2b971b2fe78L,
                0x66e94bd4ef8a2c3bL, 0x884cfa59ca342b2eL);
        assertEquals("5e2ec746917062882c85b0685353deb7", String.format("%016x%016x", x1[0], x1[1]));
    }

    @Test
    void gmacOfLongMessagesStreamsToTheSameTagAsTheJdksAdditionalDataRoute() throws GeneralSecurityException {
        Random random = new Random(5);
        int t = AesGmacSigner.STREAM_THRESHOLD;
        for (int length : new int[] {t - 1, t, t + 1, t + 15, t + 16, 3 * t + 7, 8 * 1024 * 1024 + 80}) {
            byte[] msg = message(random, length);
            msg[16] = (byte) random.nextInt(2);
            Arrays.fill(msg, 48, 64, (byte) 0);
            byte[] expected = jdkGmac(msg);
            byte[] signed = msg.clone();
            MessageSigner.of(SigningAlgorithm.AES_GMAC, KEY).sign(signed, 0, signed.length);
            assertEquals(HEX.formatHex(expected), HEX.formatHex(signed, 48, 64), "length " + length);
        }
    }

    @Test
    void aHeadAndATailInDirectMemorySignAsTheWholeMessage() {
        Random random = new Random(6);
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            for (int length : new int[] {64, 80, 200, 70_000, 1_000_003}) {
                byte[] whole = message(random, length);
                MessageSigner.of(alg, KEY).sign(whole, 0, length);
                int split = Math.min(80, length);
                byte[] head = Arrays.copyOf(whole, split);
                ByteBuffer tail = ByteBuffer.allocateDirect(length - split + 3);
                tail.put(whole, split, length - split).flip();
                random.nextBytes(head = head.clone()); // any signature field content is overwritten
                System.arraycopy(whole, 0, head, 0, 48);
                System.arraycopy(whole, 64, head, 64, split - 64);
                MessageSigner.of(alg, KEY).sign(head, tail);
                assertArrayEquals(Arrays.copyOf(whole, split), head, alg + " length " + length);
                assertEquals(0, tail.position(), "the tail's position does not move");
            }
        }
    }

    private static byte[] jdkGmac(byte[] zeroed) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, AesGmacSigner.nonce(zeroed, 0)));
        gcm.updateAAD(zeroed);
        return gcm.doFinal();
    }

    @Test
    void rejectsTooShortMessagesAndWrongKeys() {
        MessageSigner s = MessageSigner.of(SigningAlgorithm.AES_CMAC, KEY);
        assertFalse(s.verify(new byte[63], 0, 63));
        assertFalse(s.verify(new byte[64], 1, 64));
        assertThrows(IllegalArgumentException.class, () -> s.sign(new byte[63], 0, 63));
        assertThrows(IllegalArgumentException.class, () -> MessageSigner.of(SigningAlgorithm.AES_CMAC, new byte[15]));
    }

    private static String cmac(byte[] m, int length) {
        return HEX.formatHex(AesCmacSigner.cmac(RFC4493_KEY, m, 0, length));
    }

    /** A random SMB2-shaped message: 0xFE 'S' 'M' 'B' then random bytes. */
    static byte[] message(Random random, int length) {
        byte[] msg = new byte[length];
        random.nextBytes(msg);
        msg[0] = (byte) 0xFE;
        msg[1] = 'S';
        msg[2] = 'M';
        msg[3] = 'B';
        return msg;
    }
}
