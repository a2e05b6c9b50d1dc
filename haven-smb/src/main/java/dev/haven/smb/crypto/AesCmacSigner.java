package dev.haven.smb.crypto;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** [MS-SMB2] 3.1.4.1, SMB 3.x: AES-128-CMAC ([RFC4493]); the JDK has no CMAC, BouncyCastle does. */
final class AesCmacSigner extends SignerBase {
    /** BouncyCastle's CMac takes arrays: direct memory goes through it in pieces of this size. */
    private static final int TAIL_CHUNK = 16 * 1024;

    /** Keyed once (subkeys K1, K2 derived once); doFinal resets it for the next message. */
    private final CMac cmac;

    AesCmacSigner(byte[] key) {
        cmac = keyed(checkKey(key, 16));
    }

    @Override
    byte[] mac(byte[] head, int offset, int length, ByteBuffer tail) {
        return finish(cmac, head, offset, length, tail);
    }

    /** RFC 4493 AES-CMAC with a 128-bit tag, through a new engine. */
    static byte[] cmac(byte[] key, byte[] message, int offset, int length) {
        return finish(keyed(key), message, offset, length, ByteBuffer.allocate(0));
    }

    private static CMac keyed(byte[] key) {
        CMac cmac = new CMac(AESEngine.newInstance(), 128);
        cmac.init(new KeyParameter(key));
        return cmac;
    }

    private static byte[] finish(CMac cmac, byte[] head, int offset, int length, ByteBuffer tail) {
        cmac.reset(); // keeps the key; clears anything an earlier call left half-way
        cmac.update(head, offset, length);
        if (tail.hasArray()) {
            cmac.update(tail.array(), tail.arrayOffset() + tail.position(), tail.remaining());
        } else if (tail.hasRemaining()) {
            byte[] chunk = new byte[Math.min(TAIL_CHUNK, tail.remaining())];
            while (tail.hasRemaining()) {
                int n = Math.min(chunk.length, tail.remaining());
                tail.get(chunk, 0, n);
                cmac.update(chunk, 0, n);
            }
        }
        byte[] out = new byte[cmac.getMacSize()];
        cmac.doFinal(out, 0);
        return out;
    }
}
