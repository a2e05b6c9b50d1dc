package dev.haven.smb.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** [MS-SMB2] 3.1.4.1, dialects 2.0.2 and 2.1: the first 16 bytes of HMAC-SHA256 keyed by the session key. */
final class HmacSha256Signer extends SignerBase {
    /** Keyed once; doFinal leaves it reset to the keyed state for the next message. */
    private final Mac hmac;

    HmacSha256Signer(byte[] key) {
        byte[] checked = checkKey(key, 16);
        try {
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(checked, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every JDK", e);
        }
    }

    @Override
    byte[] mac(byte[] head, int offset, int length, ByteBuffer tail) {
        hmac.reset(); // a no-op unless an earlier call died half-way
        hmac.update(head, offset, length);
        hmac.update(tail);
        return hmac.doFinal();
    }
}
