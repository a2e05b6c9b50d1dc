package dev.haven.smb.server;

import dev.haven.files.service.VolumeInfo;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WireWriter;
import java.util.Arrays;

/** [MS-FSCC] 2.5: the file-system information classes QUERY_INFO answers (SMB2_0_INFO_FILESYSTEM). */
final class FsInfoClasses {
    static final int VOLUME = 1;
    static final int SIZE = 3;
    static final int DEVICE = 4;
    static final int ATTRIBUTE = 5;
    static final int CONTROL = 6;
    static final int FULL_SIZE = 7;
    static final int OBJECT_ID = 8;
    /**
     * The smallest buffers Windows accepts for Volume and Attribute (C structure sizes with
     * padding); smbtorture's qfs_buffercheck checks them.
     */
    private static final int VOLUME_FIXED = 24;
    private static final int ATTRIBUTE_FIXED = 16;
    private static final long NO_QUOTA_LIMIT = -1L;
    static final int SECTOR_SIZE = 11;
    private static final int BYTES_PER_SECTOR = 512;
    private static final int FILE_DEVICE_DISK = 7;
    private static final int CASE_SENSITIVE_SEARCH = 0x1;
    private static final int CASE_PRESERVED_NAMES = 0x2;
    private static final int UNICODE_ON_DISK = 0x4;
    private static final int SUPPORTS_SPARSE_FILES = 0x40;
    private static final int READ_ONLY_VOLUME = 0x80000;
    private static final int SUPPORTS_HARD_LINKS = 0x400000;

    private FsInfoClasses() {
    }

    static InfoEncoding.Encoded encode(int infoClass, VolumeInfo v, String label) throws SmbStatusException {
        WireWriter w = new WireWriter();
        long sectorsPerUnit = v.blockSize() / BYTES_PER_SECTOR;
        switch (infoClass) {
            case VOLUME -> {
                byte[] raw = InfoEncoding.utf16(label);
                int serial = (int) (v.fsId().getMostSignificantBits() ^ v.fsId().getLeastSignificantBits());
                w.u64(0).u32(serial).u32(raw.length).u8(0).u8(0).bytes(raw);
                byte[] out = w.toByteArray();
                // A short label still fills the C structure's size, as Windows answers (a 2-letter share name).
                return new InfoEncoding.Encoded(Arrays.copyOf(out, Math.max(out.length, VOLUME_FIXED)),
                        VOLUME_FIXED);
            }
            case SIZE -> w.u64(v.totalBlocks()).u64(v.freeBlocks()).u32((int) sectorsPerUnit).u32(BYTES_PER_SECTOR);
            case DEVICE -> w.u32(FILE_DEVICE_DISK).u32(0);
            case ATTRIBUTE -> {
                int flags = CASE_PRESERVED_NAMES | UNICODE_ON_DISK | SUPPORTS_SPARSE_FILES | SUPPORTS_HARD_LINKS
                        | (v.caseInsensitive() ? 0 : CASE_SENSITIVE_SEARCH) | (v.readOnly() ? READ_ONLY_VOLUME : 0);
                byte[] raw = InfoEncoding.utf16("HavenFS");
                w.u32(flags).u32(255).u32(raw.length).bytes(raw);
                return new InfoEncoding.Encoded(w.toByteArray(), ATTRIBUTE_FIXED);
            }
            // [MS-FSCC] 2.5.2 FileFsControlInformation: no quotas are kept, so no filtering and no limits.
            case CONTROL -> w.u64(0).u64(0).u64(0).u64(NO_QUOTA_LIMIT).u64(NO_QUOTA_LIMIT).u32(0).u32(0);
            // [MS-FSCC] 2.5.6 FileFsObjectIdInformation: the file system's id, no extended info.
            case OBJECT_ID -> w.u64(v.fsId().getMostSignificantBits()).u64(v.fsId().getLeastSignificantBits())
                    .bytes(new byte[48]);
            case FULL_SIZE -> w.u64(v.totalBlocks()).u64(v.freeBlocks()).u64(v.freeBlocks()).u32((int) sectorsPerUnit)
                    .u32(BYTES_PER_SECTOR);
            case SECTOR_SIZE -> w.u32(BYTES_PER_SECTOR).u32(v.blockSize()).u32(v.blockSize()).u32(v.blockSize())
                    .u32(0x3).u32(0).u32(0);
            default -> throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "file-system info class " + infoClass);
        }
        byte[] b = w.toByteArray();
        return new InfoEncoding.Encoded(b, b.length);
    }
}
