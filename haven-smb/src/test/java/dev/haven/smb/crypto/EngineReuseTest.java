package dev.haven.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * Signers and transform ciphers keep their engines for their lifetime: 1,000 messages through one
 * instance of each algorithm, interleaved with each other and with refused (tampered) messages,
 * must each give what a fresh instance gives, so no state carries from one message to the next.
 */
class EngineReuseTest {
    private static final int MESSAGES = 1000;
    private static final long SESSION_ID = 0x0102030405060708L;

    @Test
    void oneInstanceSignsVerifiesEncryptsAndDecryptsLikeFreshOnes() throws Exception {
        long seed = 20261122L;
        Random random = new Random(seed);
        SigningAlgorithm[] algorithms = SigningAlgorithm.values();
        EncryptionCipher[] ciphers = EncryptionCipher.values();
        byte[] signingKey = bytes(random, 16);
        MessageSigner[] signers = new MessageSigner[algorithms.length];
        for (int a = 0; a < algorithms.length; a++) {
            signers[a] = MessageSigner.of(algorithms[a], signingKey);
        }
        byte[][] s2c = new byte[ciphers.length][];
        byte[][] c2s = new byte[ciphers.length][];
        TransformCipher[] servers = new TransformCipher[ciphers.length];
        TransformCipher[] clients = new TransformCipher[ciphers.length];
        for (int c = 0; c < ciphers.length; c++) {
            s2c[c] = bytes(random, ciphers[c].keyBits() / 8);
            c2s[c] = bytes(random, ciphers[c].keyBits() / 8);
            servers[c] = TransformCipher.of(ciphers[c], s2c[c], c2s[c], new SecureRandom());
            clients[c] = TransformCipher.of(ciphers[c], c2s[c], s2c[c], new SecureRandom());
        }
        for (int i = 0; i < MESSAGES; i++) {
            String where = "message " + i + ", seed " + seed;
            byte[] message = MessageSignerTest.message(random, 64 + random.nextInt(4000));
            // MessageIds repeat now and then (i / 2), so GMAC meets the same nonce twice in a row.
            long messageId = i / 2;
            for (int b = 0; b < 8; b++) {
                message[24 + b] = (byte) (messageId >>> (8 * b));
            }
            message[16] = (byte) (random.nextBoolean() ? 1 : 0); // request or response
            for (int a = 0; a < algorithms.length; a++) {
                checkSigner(signers[a], MessageSigner.of(algorithms[a], signingKey), message, random, algorithms[a] + " " + where);
            }
            for (int c = 0; c < ciphers.length; c++) {
                String what = ciphers[c] + " " + where;
                TransformCipher server = servers[c];
                TransformCipher freshServer = TransformCipher.of(ciphers[c], s2c[c], c2s[c], new SecureRandom());
                TransformCipher freshClient = TransformCipher.of(ciphers[c], c2s[c], s2c[c], new SecureRandom());
                byte[] sealed = servers[c].encrypt(message, SESSION_ID);
                assertArrayEquals(message, freshClient.decrypt(sealed, SESSION_ID), what);
                assertArrayEquals(message, clients[c].decrypt(sealed, SESSION_ID), what);
                byte[] fromClient = freshClient.encrypt(message, SESSION_ID);
                byte[] tampered = fromClient.clone();
                tampered[random.nextInt(tampered.length)] ^= (byte) (1 << random.nextInt(8));
                assertThrows(AEADBadTagException.class, () -> server.decrypt(tampered, SESSION_ID), what);
                assertArrayEquals(message, servers[c].decrypt(fromClient, SESSION_ID), what);
                assertArrayEquals(message, freshServer.decrypt(clients[c].encrypt(message, SESSION_ID), SESSION_ID), what);
            }
        }
    }

    /** Signs with the long-lived signer and a fresh one, verifies both ways, and refuses a flipped byte. */
    private static void checkSigner(MessageSigner reused, MessageSigner fresh, byte[] message, Random random, String what) {
        byte[] mine = message.clone();
        byte[] theirs = message.clone();
        reused.sign(mine, 0, mine.length);
        fresh.sign(theirs, 0, theirs.length);
        assertArrayEquals(theirs, mine, what);
        assertTrue(reused.verify(mine, 0, mine.length), what);
        byte[] tampered = mine.clone();
        int at = random.nextInt(tampered.length);
        tampered[at] ^= (byte) (1 << random.nextInt(8));
        assertFalse(reused.verify(tampered, 0, tampered.length), what + " flipped byte " + at);
        assertTrue(reused.verify(mine, 0, mine.length), what + " after a refusal");
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
