package dev.haven.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.haven.smb.Dialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KDFCounterParameters;
import org.junit.jupiter.api.Test;

/**
 * SP 800-108 counter-mode KDF and the [MS-SMB2] 3.1.4.2 key schedule. The SMB expected values
 * were computed independently of this code with Python's hmac/hashlib from the formula
 * {@code HMAC-SHA256(Ki, [1]_32 || Label || 0x00 || Context || [L]_32)} and the labels of
 * 3.1.4.2 (NUL included); the generic vector is the one Greenbone's openvas-scanner tests its
 * smb3kdf builtin with.
 */
class KdfTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SESSION_KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void matchesPublishedGenericVector() {
        byte[] out = Kdf.derive(ascii("mykey"), ascii("mylabel"), ascii("mycontext"), 128);
        assertEquals("a5948d63659bd73a5a642b1a81d172c6", HEX.formatHex(out));
    }

    @Test
    void agreesWithBouncyCastleCounterModeGenerator() {
        byte[] label = Kdf.cString("SMBC2SCipherKey");
        byte[] context = preauthHash();
        for (int bits : new int[] {128, 256, 512}) {
            byte[] fixed = concat(label, new byte[] {0}, context, int32(bits));
            KDFCounterBytesGenerator bc = new KDFCounterBytesGenerator(new HMac(new SHA256Digest()));
            bc.init(new KDFCounterParameters(SESSION_KEY, null, fixed, 32));
            byte[] expected = new byte[bits / 8];
            bc.generateBytes(expected, 0, expected.length);
            assertArrayEquals(expected, Kdf.derive(SESSION_KEY, label, context, bits), "L=" + bits);
        }
    }

    @Test
    void derivesSmb30Keys() {
        SessionKeys k = SessionKeys.derive(Dialect.SMB_3_0, SESSION_KEY, null, null);
        assertEquals("6234814cbb8ea9227440ebfeb5eacbe1", HEX.formatHex(k.signingKey()));
        assertEquals("95d8b55c852cd25349994b3842fa4105", HEX.formatHex(k.encryptionKey()));
        assertEquals("8e21f3cae16d07d84c03d74467f57878", HEX.formatHex(k.decryptionKey()));
        assertEquals("2061e31cbe99e5c6493e3fbbd4faf495", HEX.formatHex(k.applicationKey()));
        assertEquals(k, SessionKeys.derive(Dialect.SMB_3_0_2, SESSION_KEY, null, null));
    }

    @Test
    void derivesSmb311KeysFromPreauthHash() {
        SessionKeys k = SessionKeys.derive(Dialect.SMB_3_1_1, SESSION_KEY, preauthHash(), EncryptionCipher.AES_128_GCM);
        assertEquals("615267487476715d637c440aa633bea6", HEX.formatHex(k.signingKey()));
        assertEquals("fb3b546413ef2afc3dae64d2aaa4fa78", HEX.formatHex(k.encryptionKey()));
        assertEquals("f6bf5fbeff8d7f5d6eda3ee55bd21ec8", HEX.formatHex(k.decryptionKey()));
        assertEquals("fd4192e33e30a1acf5110ee474884157", HEX.formatHex(k.applicationKey()));
    }

    @Test
    void derives256BitCipherKeysForAes256() {
        SessionKeys k = SessionKeys.derive(Dialect.SMB_3_1_1, SESSION_KEY, preauthHash(), EncryptionCipher.AES_256_CCM);
        assertEquals("4e8d0495e4e812d04b9cc427482b28fedfeb15f66e70c44874effa187f6ab57b", HEX.formatHex(k.encryptionKey()));
        assertEquals("721d3263728e5692082e4fc5101c8a8f933c7a1beddcfd2a20429fc940c1e500", HEX.formatHex(k.decryptionKey()));
        assertEquals(16, k.signingKey().length);
        assertEquals(16, k.applicationKey().length);
    }

    @Test
    void smb2UsesSessionKeyDirectly() {
        SessionKeys k = SessionKeys.derive(Dialect.SMB_2_1, SESSION_KEY, null, null);
        assertArrayEquals(SESSION_KEY, k.signingKey());
        assertArrayEquals(SESSION_KEY, k.applicationKey());
        assertNull(k.encryptionKey());
        assertNull(k.decryptionKey());
    }

    @Test
    void cutsLongSessionKeysTo16Bytes() {
        byte[] longKey = concat(SESSION_KEY, SESSION_KEY);
        assertEquals(SessionKeys.derive(Dialect.SMB_3_0, SESSION_KEY, null, null),
                SessionKeys.derive(Dialect.SMB_3_0, longKey, null, null));
    }

    static byte[] preauthHash() {
        try {
            return MessageDigest.getInstance("SHA-512").digest(ascii("haven preauth"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
