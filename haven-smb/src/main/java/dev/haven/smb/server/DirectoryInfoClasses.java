package dev.haven.smb.server;

import dev.haven.files.service.FileAttributes;
import dev.haven.smb.wire.WireWriter;

/**
 * [MS-FSCC] 2.4: the directory information classes QUERY_DIRECTORY answers. Every entry starts
 * with NextEntryOffset (4, patched when the next entry is placed) and FileIndex (4, always 0).
 */
final class DirectoryInfoClasses {
    static final int DIRECTORY = 1;
    static final int FULL_DIRECTORY = 2;
    static final int BOTH_DIRECTORY = 3;
    static final int NAMES = 12;
    static final int ID_BOTH_DIRECTORY = 37;
    static final int ID_FULL_DIRECTORY = 38;

    private DirectoryInfoClasses() {
    }

    static boolean supported(int infoClass) {
        return switch (infoClass) {
            case DIRECTORY, FULL_DIRECTORY, BOTH_DIRECTORY, NAMES, ID_BOTH_DIRECTORY, ID_FULL_DIRECTORY -> true;
            default -> false;
        };
    }

    /** True for the classes with an EaSize field (all but FileDirectoryInformation and FileNamesInformation). */
    static boolean hasEaSize(int infoClass) {
        return infoClass == FULL_DIRECTORY || infoClass == ID_FULL_DIRECTORY || infoClass == BOTH_DIRECTORY
                || infoClass == ID_BOTH_DIRECTORY;
    }

    /** One entry of {@code infoClass} (which {@link #supported} accepts), NextEntryOffset 0. */
    static byte[] encode(int infoClass, String name, FileAttributes a, int eaSize) {
        byte[] raw = InfoEncoding.utf16(name);
        WireWriter w = new WireWriter(128 + raw.length);
        w.u32(0).u32(0);
        if (infoClass == NAMES) {
            return w.u32(raw.length).bytes(raw).toByteArray();
        }
        InfoEncoding.times(a).encode(w);
        w.u64(a.size()).u64(a.allocationSize()).u32(a.dosAttributes()).u32(raw.length);
        switch (infoClass) {
            case FULL_DIRECTORY -> w.u32(eaSize);
            case ID_FULL_DIRECTORY -> w.u32(eaSize).u32(0).u64(a.fileId());
            case BOTH_DIRECTORY -> w.u32(eaSize).u8(0).u8(0).bytes(new byte[24]);
            case ID_BOTH_DIRECTORY -> w.u32(eaSize).u8(0).u8(0).bytes(new byte[24]).u16(0).u64(a.fileId());
            default -> { }
        }
        return w.bytes(raw).toByteArray();
    }
}
