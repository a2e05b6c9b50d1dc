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
    /** The JDK hands only inputs of several KiB to its combined AES-GCM intrinsic, so warm it with those. */
    private static final int BULK_ROUNDS = 12_000;
    private static final int BULK_SIZE = 16 * 1024;

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
        try {
            SecretKeySpec spec = new SecretKeySpec(new byte[16], "AES");
            byte[] small = new byte[256];
            byte[] bulk = new byte[BULK_SIZE];
            for (int i = 0; i < ROUNDS; i++) {
                roundTrip(spec, i, small, new byte[0]); // GMAC: AAD only, as signing does
                if (i < BULK_ROUNDS) {
                    roundTrip(spec, i, small, bulk); // sealing and opening as TRANSFORM messages do
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required by every JDK", e);
        }
    }

    private static void roundTrip(SecretKeySpec spec, int i, byte[] aad, byte[] data) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        nonce[0] = (byte) i;
        nonce[1] = (byte) (i >>> 8);
        Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        enc.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
        enc.updateAAD(aad);
        byte[] sealed = enc.doFinal(data);
        Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        dec.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
        dec.updateAAD(aad);
        dec.doFinal(sealed);
    }
}
