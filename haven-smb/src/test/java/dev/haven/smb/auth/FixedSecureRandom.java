package dev.haven.smb.auth;

import java.security.SecureRandom;

/** A "random" source that repeats fixed bytes, so that known-answer tests control the server challenge. */
final class FixedSecureRandom extends SecureRandom {
    private final byte[] bytes;

    FixedSecureRandom(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[i % bytes.length];
        }
    }
}
