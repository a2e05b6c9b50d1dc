package dev.haven.smb.crypto;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-GCM and GHASH intrinsics compiled before large messages arrive. HotSpot
 * uses an intrinsic only from compiled code, and a method is compiled after many calls; one
 * 8 MiB message is one call, so a 1 GiB transfer of large messages would otherwise run GHASH
 * in plain Java at ~80 MB/s (measured) instead of GB/s. Many tiny operations, once per JVM, on
 * a background thread, fix that.
 */
public final class CryptoWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int ROUNDS = 20_000;

    private CryptoWarmUp() {
    }

    /** Starts the warm-up once per JVM; returns at once. */
    public static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(CryptoWarmUp::run, "haven-crypto-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    private static void run() {
        byte[] key = new byte[16];
        byte[] data = new byte[256];
        byte[] nonce = new byte[12];
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            for (int i = 0; i < ROUNDS; i++) {
                nonce[0] = (byte) i;
                nonce[1] = (byte) (i >>> 8);
                Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
                enc.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                enc.updateAAD(data);
                byte[] sealed = enc.doFinal(data);
                Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
                dec.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                dec.updateAAD(data);
                dec.doFinal(sealed);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required by every JDK", e);
        }
    }
}
