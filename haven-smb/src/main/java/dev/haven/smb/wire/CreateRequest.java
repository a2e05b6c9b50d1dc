package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * [MS-SMB2] 2.2.13: SMB2 CREATE Request. StructureSize (57), SecurityFlags (1),
 * RequestedOplockLevel (1), ImpersonationLevel (4), SmbCreateFlags (8), Reserved (8),
 * DesiredAccess (4), FileAttributes (4), ShareAccess (4), CreateDisposition (4),
 * CreateOptions (4), NameOffset (2), NameLength (2), CreateContextsOffset (4),
 * CreateContextsLength (4), Buffer (UTF-16LE name, then the create contexts).
 */
public record CreateRequest(int requestedOplockLevel, int impersonationLevel, int desiredAccess,
        int fileAttributes, int shareAccess, int createDisposition, int createOptions, String name,
        List<CreateContext> createContexts) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 57;
    /** CreateOptions FILE_DIRECTORY_FILE. */
    public static final int FILE_DIRECTORY_FILE = 0x00000001;
    /** CreateOptions FILE_WRITE_THROUGH. */
    public static final int FILE_WRITE_THROUGH = 0x00000002;
    /** CreateOptions FILE_NON_DIRECTORY_FILE. */
    public static final int FILE_NON_DIRECTORY_FILE = 0x00000040;
    /** CreateOptions FILE_DELETE_ON_CLOSE. */
    public static final int FILE_DELETE_ON_CLOSE = 0x00001000;
    private static final int FIXED_END = Smb2Header.SIZE + 56;

    /** Copies the context list. */
    public CreateRequest {
        createContexts = List.copyOf(createContexts);
    }

    static CreateRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(1);
        int oplock = r.u8();
        int impersonation = r.u32();
        r.skip(16);
        int access = r.u32();
        int attributes = r.u32();
        int share = r.u32();
        int disposition = r.u32();
        int options = r.u32();
        int nameOffset = r.u16();
        int nameLength = r.u16();
        long contextsOffset = Integer.toUnsignedLong(r.u32());
        long contextsLength = Integer.toUnsignedLong(r.u32());
        String name = WireReader.utf16(r.buffer(nameOffset, nameLength, FIXED_END));
        List<CreateContext> contexts = CreateContext.decodeChain(r.buffer(contextsOffset, contextsLength, FIXED_END));
        return new CreateRequest(oplock, impersonation, access, attributes, share, disposition, options, name, contexts);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        byte[] rawName = name.getBytes(StandardCharsets.UTF_16LE);
        int contextsAt = createContexts.isEmpty() ? 0 : (FIXED_END + rawName.length + 7) & ~7;
        w.u16(STRUCTURE_SIZE).u8(0).u8(requestedOplockLevel).u32(impersonationLevel).u64(0).u64(0)
                .u32(desiredAccess).u32(fileAttributes).u32(shareAccess).u32(createDisposition).u32(createOptions)
                .u16(FIXED_END).u16(rawName.length).u32(contextsAt);
        int lengthAt = w.position();
        w.u32(0).bytes(rawName);
        if (rawName.length == 0) {
            w.u8(0); // [MS-SMB2] 2.2.13: the Buffer is at least one byte
        }
        if (!createContexts.isEmpty()) {
            w.align(8);
            int start = w.position();
            CreateContext.encodeChain(createContexts, w);
            w.u32At(lengthAt, w.position() - start);
        }
    }
}
