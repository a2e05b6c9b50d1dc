package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.32.2 SRV_SNAPSHOT_ARRAY: NumberOfSnapShots (4), NumberOfSnapShotsReturned (4),
 * SnapShotArraySize (4), then the snapshot names ("@GMT-YYYY.MM.DD-HH.MM.SS"), each as
 * null-terminated UTF-16LE, followed by one more null character. SnapShotArraySize counts the
 * names and the final null; when that does not fit the caller's MaxOutputResponse only the
 * header goes out, with NumberOfSnapShotsReturned 0, so the client can ask again with room
 * (3.3.5.15.1), padded with zeros to 16 bytes when there is room: Samba answers so, and
 * smbclient's allinfo (which first asks with MaxOutputResponse 16) refuses anything shorter.
 */
public record SnapshotArray(List<String> snapshots) {
    private static final int HEADER = 12;
    /** The length of a sizes-only answer when the caller has room for it. */
    private static final int SIZES_ONLY = 16;

    /** Copies the list. */
    public SnapshotArray {
        snapshots = List.copyOf(snapshots);
    }

    /** The size of the names, their terminators and the final null, in bytes. */
    public int arraySize() {
        int size = 2;
        for (String s : snapshots) {
            size += 2 * (s.length() + 1);
        }
        return size;
    }

    /** The IOCTL output buffer, at most {@code maxOutput} bytes (which must be at least 12). */
    public byte[] encode(int maxOutput) {
        int size = arraySize();
        boolean fits = HEADER + (long) size <= Integer.toUnsignedLong(maxOutput);
        WireWriter w = new WireWriter(HEADER + (fits ? size : 0)).u32(snapshots.size())
                .u32(fits ? snapshots.size() : 0).u32(size);
        if (!fits && Integer.compareUnsigned(maxOutput, SIZES_ONLY) >= 0) {
            w.u32(0);
        }
        if (fits) {
            for (String s : snapshots) {
                w.bytes(s.getBytes(StandardCharsets.UTF_16LE)).u16(0);
            }
            w.u16(0);
        }
        return w.toByteArray();
    }

    /** Decodes an output buffer (tests and clients): the names returned, if any. */
    public static SnapshotArray decode(byte[] out) throws MalformedMessageException {
        WireReader r = new WireReader(out);
        r.u32();
        int returned = r.u32();
        int size = r.u32();
        List<String> names = new ArrayList<>();
        if (returned == 0) {
            return new SnapshotArray(names);
        }
        byte[] array = r.bytes(size);
        int start = 0;
        for (int i = 0; i + 1 < array.length && names.size() < returned; i += 2) {
            if (array[i] == 0 && array[i + 1] == 0) {
                names.add(new String(array, start, i - start, StandardCharsets.UTF_16LE));
                start = i + 2;
            }
        }
        return new SnapshotArray(names);
    }
}
