package dev.haven.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.3.5.4: H' = SHA-512(H || message), from 64 zero bytes. */
class PreauthIntegrityTest {
    @Test
    void startsAtZeroAndChainsSha512() throws Exception {
        PreauthIntegrity p = new PreauthIntegrity();
        assertArrayEquals(new byte[64], p.value());
        byte[] negotiate = {1, 2, 3, 4, 5};
        byte[] response = {9, 8, 7};
        p.update(new byte[] {0, 1, 2, 3, 4, 5, 6}, 1, 5);
        p.update(response, 0, response.length);
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        byte[] h1 = sha.digest(concat(new byte[64], negotiate));
        byte[] h2 = sha.digest(concat(h1, response));
        assertArrayEquals(h2, p.value());
    }

    @Test
    void copiesAreIndependent() {
        PreauthIntegrity connection = new PreauthIntegrity();
        connection.update(new byte[] {1}, 0, 1);
        PreauthIntegrity session = connection.copy();
        session.update(new byte[] {2}, 0, 1);
        assertFalse(Arrays.equals(connection.value(), session.value()));
        byte[] v = connection.value();
        v[0] ^= 1;
        assertFalse(Arrays.equals(v, connection.value()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
