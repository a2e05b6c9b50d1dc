package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.fs.FsError;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Extended attributes of files ([MS-FSCC] 2.4.15 FileFullEaInformation, [MS-FSA] 2.1.5.12.8 and
 * 2.1.5.15.4) over FileService's opens. Each is one HavenFS extended attribute named
 * {@value #PREFIX} and the upper-cased EA name, holding the flags byte then the value, so names
 * are case-insensitive and survive remounts and snapshots with the file. A named stream's EAs are
 * its file's. Reading needs FILE_READ_EA, changing FILE_WRITE_EA (except at create, where the
 * creator's EAs are part of the create); a zero-length value removes an attribute. Limits (as
 * NTFS, but names shorter by the prefix): names of 1 to 247 ASCII characters without control characters or
 * {@code "*+,/:;<=>?[\]|}, values up to 65535 bytes, {@value #MAX_TOTAL} bytes of EAs per file.
 */
public final class ExtendedAttributes {
    /** The HavenFS extended attribute name prefix of SMB/NT extended attributes. */
    public static final String PREFIX = "user.ea.";
    /** The most EA bytes (names, values and their 8-byte headers, as FileFullEaInformation packs them) per file. */
    public static final int MAX_TOTAL = 65536;
    /** NTFS allows 255; HavenFS names (the prefix included) are at most 255 bytes. */
    private static final int MAX_NAME = 255 - PREFIX.length();
    private static final int MAX_VALUE = 65535;
    private static final String FORBIDDEN = "\"*+,/:;<=>?[\\]|";
    /** FILE_FULL_EA_INFORMATION's fixed part: NextEntryOffset, Flags, EaNameLength, EaValueLength, and the name's NUL. */
    private static final int ENTRY_OVERHEAD = 9;

    private ExtendedAttributes() {
    }

    /** Every EA of the open's file, in name order; needs FILE_READ_EA. */
    public static List<ExtendedAttribute> list(Open open) {
        need(open, AccessMask.FILE_READ_EA, "read EAs");
        return FsCall.run(() -> read(open.share().fs(), file(open)));
    }

    /**
     * The size of the file's EAs as FileEaInformation reports it ([MS-FSCC] 2.4.13): 0 without
     * any, else the packed FileFullEaInformation list. Needs no access beyond the open.
     */
    public static int size(Open open) {
        List<ExtendedAttribute> all = FsCall.run(() -> read(open.share().fs(), file(open)));
        return all.isEmpty() ? 0 : packedSize(all);
    }

    /**
     * The EaSize a directory listing reports for the entry whose inode is {@code inode} in
     * {@code share} ([MS-FSCC] 2.4.14, 2.4.17): as {@link #size}; 0 for an entry gone meanwhile.
     */
    public static int sizeOf(Share share, long inode) {
        return FsCall.run(() -> {
            try {
                List<ExtendedAttribute> all = read(share.fs(), inode);
                return all.isEmpty() ? 0 : packedSize(all);
            } catch (FsException e) {
                if (e.error() == FsError.NOT_FOUND) {
                    return 0;
                }
                throw e;
            }
        });
    }

    /** True when one of the file's EAs has FILE_NEED_EA ([MS-FSA] 2.1.5.1.2.1: FILE_NO_EA_KNOWLEDGE opens fail). */
    public static boolean needsEaKnowledge(Open open) {
        return FsCall.run(() -> read(open.share().fs(), file(open))).stream()
                .anyMatch(ea -> (ea.flags() & ExtendedAttribute.NEED_EA) != 0);
    }

    /** Applies {@code changes} in order (a zero-length value removes); needs FILE_WRITE_EA. */
    public static void set(Open open, List<ExtendedAttribute> changes) {
        need(open, AccessMask.FILE_WRITE_EA, "write EAs");
        apply(open, changes);
    }

    /** Applies the EAs a create carried ([MS-SMB2] 2.2.13.2.1 ExtA) to the file it created or overwrote. */
    public static void setAtCreate(Open open, List<ExtendedAttribute> eas) {
        apply(open, eas);
    }

    /** Refuses a name [MS-FSCC] 2.4.15 does not allow (STATUS_INVALID_EA_NAME). */
    public static void validateName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new FileServiceException(FileServiceError.INVALID_EA_NAME, "EA name of " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e || FORBIDDEN.indexOf(c) >= 0) {
                throw new FileServiceException(FileServiceError.INVALID_EA_NAME, "EA name holds character " + (int) c);
            }
        }
    }

    /** The packed size of {@code eas} as FileFullEaInformation entries, each 4-byte aligned but the last. */
    public static int packedSize(List<ExtendedAttribute> eas) {
        int total = 0;
        for (int i = 0; i < eas.size(); i++) {
            int entry = ENTRY_OVERHEAD - 1 + eas.get(i).name().length() + 1 + eas.get(i).length();
            total += i + 1 < eas.size() ? (entry + 3) & ~3 : entry;
        }
        return total;
    }

    private static void apply(Open open, List<ExtendedAttribute> changes) {
        for (ExtendedAttribute ea : changes) {
            validateName(ea.name());
            if (ea.length() > MAX_VALUE) {
                throw new FileServiceException(FileServiceError.EA_TOO_LARGE, "EA value of " + ea.length() + " bytes");
            }
        }
        OpenRules.requireWritable(open.share());
        HavenFs fs = open.share().fs();
        long ino = file(open);
        FsCall.run(() -> {
            Map<String, ExtendedAttribute> after = new LinkedHashMap<>();
            for (ExtendedAttribute ea : read(fs, ino)) {
                after.put(ea.name(), ea);
            }
            for (ExtendedAttribute ea : changes) {
                String key = ea.name().toUpperCase(Locale.ROOT);
                after.remove(key);
                if (ea.length() > 0) {
                    after.put(key, new ExtendedAttribute(key, ea.value(), ea.flags() & ExtendedAttribute.NEED_EA));
                }
            }
            if (packedSize(List.copyOf(after.values())) > MAX_TOTAL) {
                throw new FileServiceException(FileServiceError.EA_TOO_LARGE, "EAs of inode " + ino + " over " + MAX_TOTAL);
            }
            for (ExtendedAttribute ea : changes) {
                String key = ea.name().toUpperCase(Locale.ROOT);
                ExtendedAttribute now = after.get(key);
                if (now == null) {
                    remove(fs, ino, PREFIX + key);
                } else {
                    byte[] stored = new byte[1 + now.length()];
                    stored[0] = (byte) now.flags();
                    System.arraycopy(now.value(), 0, stored, 1, now.length());
                    fs.setXattr(ino, PREFIX + key, stored);
                }
            }
            return null;
        });
    }

    private static void remove(HavenFs fs, long ino, String xattr) throws FsException {
        try {
            fs.removeXattr(ino, xattr);
        } catch (FsException e) {
            if (e.error() != FsError.NOT_FOUND) {
                throw e;
            }
        }
    }

    private static List<ExtendedAttribute> read(HavenFs fs, long ino) throws FsException {
        List<ExtendedAttribute> out = new ArrayList<>();
        for (String x : fs.listXattrs(ino)) {
            if (x.startsWith(PREFIX)) {
                byte[] stored = fs.getXattr(ino, x);
                out.add(new ExtendedAttribute(x.substring(PREFIX.length()), Arrays.copyOfRange(stored, 1, stored.length),
                        stored[0] & 0xff));
            }
        }
        return out;
    }

    private static long file(Open open) {
        return open.streamOf() != 0 ? open.streamOf() : open.inode();
    }

    private static void need(Open open, int right, String what) {
        if (!open.granted().hasAny(right)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, what + " through " + open);
        }
    }
}
