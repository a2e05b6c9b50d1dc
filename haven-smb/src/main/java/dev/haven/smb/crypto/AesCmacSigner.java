package dev.haven.smb.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** [MS-SMB2] 3.1.4.1, SMB 3.x: AES-128-CMAC ([RFC4493]); the JDK has no CMAC, BouncyCastle does. */
final class AesCmacSigner extends SignerBase {
    /** Keyed once (subkeys K1, K2 derived once); doFinal resets it for the next message. */
    private final CMac cmac;

    AesCmacSigner(byte[] key) {
        cmac = keyed(checkKey(key, 16));
    }

    @Override
    byte[] mac(byte[] message, int offset, int length) {
        return finish(cmac, message, offset, length);
    }

    /** RFC 4493 AES-CMAC with a 128-bit tag, through a new engine. */
    static byte[] cmac(byte[] key, byte[] message, int offset, int length) {
        return finish(keyed(key), message, offset, length);
    }

    private static CMac keyed(byte[] key) {
        CMac cmac = new CMac(AESEngine.newInstance(), 128);
        cmac.init(new KeyParameter(key));
        return cmac;
    }

    private static byte[] finish(CMac cmac, byte[] message, int offset, int length) {
        cmac.reset(); // keeps the key; clears anything an earlier call left half-way
        cmac.update(message, offset, length);
        byte[] out = new byte[cmac.getMacSize()];
        cmac.doFinal(out, 0);
        return out;
    }
}
