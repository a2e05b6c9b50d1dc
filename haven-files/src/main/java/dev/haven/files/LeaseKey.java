package dev.haven.files;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A client-generated 128-bit lease key ([MS-SMB2] 2.2.13.2.8). Kept as two longs so that the
 * record compares by value; {@link #fromBytes}/{@link #toBytes} use the wire byte order.
 *
 * @param high the first 8 bytes, little-endian
 * @param low  the last 8 bytes, little-endian
 */
public record LeaseKey(long high, long low) {
    /** The all-zero key, which [MS-SMB2] 2.2.13.2.10 uses for "no parent lease". */
    public static final LeaseKey ZERO = new LeaseKey(0, 0);

    /** Reads a key from its 16 wire bytes. */
    public static LeaseKey fromBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "a lease key has 16 bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new LeaseKey(b.getLong(), b.getLong());
    }

    /** Returns the 16 wire bytes of this key. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(high).putLong(low).array();
    }

    @Override
    public String toString() {
        return String.format("lease %016x%016x", high, low);
    }
}
