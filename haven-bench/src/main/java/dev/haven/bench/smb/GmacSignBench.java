package dev.haven.bench.smb;

import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-GMAC signing ([MS-SMB2] 3.1.4.1, SMB 3.1.1) of one whole message through one session's
 * {@link MessageSigner}, as the server signs every response: a 4 KiB message (small-I/O and
 * metadata traffic, where per-message setup dominates) and 1 MiB and 8 MiB ones (large READ
 * responses, which the signer streams through GCM encryption). Each call bumps the MessageId, as
 * consecutive responses do, so every signature uses a new nonce. {@link #jdkAdditionalData} is
 * the JDK's own route for the same tag (the whole message as GCM additional data), measured in
 * the same run for comparison.
 *
 * <p>The setup first signs 20,000 small messages through a throwaway signer, as the server's
 * {@code CryptoWarmUp} does at start: HotSpot uses the GHASH intrinsic only from compiled
 * callers, and the few hundred 1 MiB calls of the JMH warm-up would otherwise leave GHASH
 * interpreted (about 80 MB/s) and measure that instead of the per-message cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(time = 2)
@Measurement(time = 2)
public class GmacSignBench {
    /** Message length in bytes, header included. */
    @Param({"4096", "1048576", "8388608"})
    public int size;

    private MessageSigner signer;
    private Cipher jdk;
    private SecretKeySpec jdkKey;
    private byte[] message;
    private long messageId;

    /** Builds the signer and one SMB2-shaped message. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] key = new byte[16];
        random.nextBytes(key);
        signer = MessageSigner.of(SigningAlgorithm.AES_GMAC, key);
        jdkKey = new SecretKeySpec(key, "AES");
        try {
            jdk = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        message = new byte[size];
        random.nextBytes(message);
        message[0] = (byte) 0xFE;
        message[1] = 'S';
        message[2] = 'M';
        message[3] = 'B';
        message[16] = 1; // SMB2_FLAGS_SERVER_TO_REDIR: a response
        warmUp(key);
    }

    private static void warmUp(byte[] key) {
        MessageSigner throwaway = MessageSigner.of(SigningAlgorithm.AES_GMAC, key);
        byte[] small = new byte[256];
        for (int i = 0; i < 20_000; i++) {
            small[24] = (byte) i;
            small[25] = (byte) (i >>> 8);
            throwaway.sign(small, 0, small.length);
        }
    }

    /** Signs the message under the next MessageId; returns a signature byte so nothing is dead code. */
    @Benchmark
    public byte sign() {
        long id = ++messageId;
        for (int i = 0; i < 8; i++) {
            message[24 + i] = (byte) (id >>> (8 * i));
        }
        signer.sign(message, 0, message.length);
        return message[48];
    }

    /** The same tag the JDK's way: the message (signature field zeroed) as additional data. */
    @Benchmark
    public byte jdkAdditionalData() throws GeneralSecurityException {
        long id = ++messageId;
        for (int i = 0; i < 8; i++) {
            message[24 + i] = (byte) (id >>> (8 * i));
        }
        Arrays.fill(message, 48, 64, (byte) 0);
        byte[] nonce = Arrays.copyOfRange(message, 24, 36);
        Arrays.fill(nonce, 8, 12, (byte) 0);
        nonce[8] = 1; // a response
        jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
        jdk.updateAAD(message);
        return jdk.doFinal()[0];
    }
}
