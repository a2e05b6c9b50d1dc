package dev.haven.smb.server;

import dev.haven.files.service.ExtendedAttributes;
import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.StreamInfo;
import dev.haven.smb.Dialect;
import java.util.List;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WireWriter;

/** [MS-FSCC] 2.4: the file information classes QUERY_INFO answers (InfoType SMB2_0_INFO_FILE). */
final class FileInfoClasses {
    static final int BASIC = 4;
    static final int STANDARD = 5;
    static final int INTERNAL = 6;
    static final int EA = 7;
    static final int ACCESS = 8;
    static final int NAME = 9;
    static final int POSITION = 14;
    static final int MODE = 16;
    static final int ALIGNMENT = 17;
    static final int ALL = 18;
    static final int ALTERNATE_NAME = 21;
    static final int STREAM = 22;
    static final int COMPRESSION = 28;
    static final int NETWORK_OPEN = 34;
    static final int ATTRIBUTE_TAG = 35;
    static final int NORMALIZED_NAME = 48;
    /**
     * The smallest buffers Windows accepts (the C structure sizes, padding included), below which
     * QUERY_INFO fails with STATUS_INFO_LENGTH_MISMATCH; smbtorture's qfile_buffercheck checks them.
     */
    private static final int ALL_FIXED = 104;
    private static final int NAME_FIXED = 8;
    private static final int STREAM_FIXED = 32;

    private FileInfoClasses() {
    }

    static InfoEncoding.Encoded encode(int infoClass, SmbOpen open, FileAttributes a) throws SmbStatusException {
        WireWriter w = new WireWriter();
        switch (infoClass) {
            case BASIC -> basic(w, a);
            case STANDARD -> standard(w, a);
            case INTERNAL -> w.u64(a.fileId());
            case EA -> w.u32(ExtendedAttributes.size(open.open()));
            case ACCESS -> w.u32(open.open().granted().bits());
            case POSITION -> w.u64(open.position());
            case MODE -> w.u32(0);
            case ALIGNMENT -> w.u32(0);
            case NETWORK_OPEN -> {
                InfoEncoding.times(a).encode(w);
                w.u64(a.allocationSize()).u64(a.size()).u32(a.dosAttributes()).u32(0);
            }
            case ATTRIBUTE_TAG -> w.u32(a.dosAttributes()).u32(0);
            case ALL -> {
                return all(w, open, a);
            }
            case NAME -> {
                return name(w, "\\" + open.path(), NAME_FIXED);
            }
            case ALTERNATE_NAME -> {
                return alternateName(w, open.path());
            }
            case COMPRESSION -> w.u64(a.size()).u16(0).u8(0).u8(0).u8(0).u8(0).u16(0);
            default -> throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "file info class " + infoClass);
        }
        byte[] b = w.toByteArray();
        return new InfoEncoding.Encoded(b, b.length);
    }

    /** [MS-FSCC] 2.4.7 FileBasicInformation: 40 bytes. */
    private static void basic(WireWriter w, FileAttributes a) {
        InfoEncoding.times(a).encode(w);
        w.u32(a.dosAttributes()).u32(0);
    }

    /** [MS-FSCC] 2.4.41 FileStandardInformation: 24 bytes. */
    private static void standard(WireWriter w, FileAttributes a) {
        w.u64(a.allocationSize()).u64(a.size()).u32(a.linkCount()).u8(a.deletePending() ? 1 : 0)
                .u8(a.directory() ? 1 : 0).u16(0);
    }

    /** [MS-FSCC] 2.4.2 FileAllInformation: Basic, Standard, Internal, Ea, Access, Position, Mode, Alignment, Name. */
    private static InfoEncoding.Encoded all(WireWriter w, SmbOpen open, FileAttributes a) {
        basic(w, a);
        standard(w, a);
        w.u64(a.fileId()).u32(ExtendedAttributes.size(open.open())).u32(open.open().granted().bits()).u64(open.position()).u32(0).u32(0);
        return name(w, "\\" + open.path(), ALL_FIXED);
    }

    /**
     * [MS-FSCC] 2.4.5 FileAlternateNameInformation: the 8.3 name {@link ShortNames} derives; the
     * share root has none (STATUS_OBJECT_NAME_NOT_FOUND, as NTFS answers for a volume root).
     */
    static InfoEncoding.Encoded alternateName(WireWriter w, String path) throws SmbStatusException {
        String last = path.substring(path.lastIndexOf('\\') + 1);
        if (last.isEmpty()) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "the share root has no 8.3 name");
        }
        return name(w, ShortNames.of(last), NAME_FIXED);
    }

    /**
     * [MS-FSCC] 2.4.30 FileNormalizedNameInformation (as FileNameInformation, without the leading
     * backslash: the share root's name is empty); SMB 3.1.1 only ([MS-SMB2] 3.3.5.20.1), earlier
     * dialects get STATUS_NOT_SUPPORTED as Windows answers.
     */
    static InfoEncoding.Encoded normalizedName(Dialect dialect, String path) throws SmbStatusException {
        if (dialect == null || dialect.compareTo(Dialect.SMB_3_1_1) < 0) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "FileNormalizedNameInformation before SMB 3.1.1");
        }
        return name(new WireWriter(), path, NAME_FIXED);
    }

    private static InfoEncoding.Encoded name(WireWriter w, String name, int fixed) {
        byte[] raw = InfoEncoding.utf16(name);
        w.u32(raw.length).bytes(raw);
        return new InfoEncoding.Encoded(w.toByteArray(), fixed);
    }

    /**
     * [MS-FSCC] 2.4.43 FileStreamInformation: NextEntryOffset, StreamNameLength, StreamSize,
     * StreamAllocationSize, StreamName; entries 8-byte aligned; nothing for a directory.
     */
    static InfoEncoding.Encoded streams(List<StreamInfo> streams) {
        WireWriter w = new WireWriter();
        for (int i = 0; i < streams.size(); i++) {
            StreamInfo s = streams.get(i);
            byte[] raw = InfoEncoding.utf16(s.name());
            int size = 24 + raw.length;
            int next = i + 1 < streams.size() ? (size + 7) & ~7 : 0;
            w.u32(next).u32(raw.length).u64(s.size()).u64(s.allocationSize()).bytes(raw);
            for (int pad = size; pad < next; pad++) {
                w.u8(0);
            }
        }
        return new InfoEncoding.Encoded(w.toByteArray(), streams.isEmpty() ? 0 : STREAM_FIXED);
    }
}
