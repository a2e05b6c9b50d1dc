package dev.haven.smb.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** [MS-SMB2] 3.1.4.1, SMB 3.x: AES-128-CMAC ([RFC4493]); the JDK has no CMAC, BouncyCastle does. */
final class AesCmacSigner extends SignerBase {
    AesCmacSigner(byte[] key) {
        super(key, 16);
    }

    @Override
    byte[] mac(byte[] key, byte[] message, int offset, int length) {
        return cmac(key, message, offset, length);
    }

    /** RFC 4493 AES-CMAC with a 128-bit tag. */
    static byte[] cmac(byte[] key, byte[] message, int offset, int length) {
        CMac cmac = new CMac(AESEngine.newInstance(), 128);
        cmac.init(new KeyParameter(key));
        cmac.update(message, offset, length);
        byte[] out = new byte[cmac.getMacSize()];
        cmac.doFinal(out, 0);
        return out;
    }
}
