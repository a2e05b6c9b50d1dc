package dev.haven.smb.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** [MS-SMB2] 3.1.4.1, dialects 2.0.2 and 2.1: the first 16 bytes of HMAC-SHA256 keyed by the session key. */
final class HmacSha256Signer extends SignerBase {
    HmacSha256Signer(byte[] key) {
        super(key, 16);
    }

    @Override
    byte[] mac(byte[] key, byte[] message, int offset, int length) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(message, offset, length);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every JDK", e);
        }
    }
}
