package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.service.CreateAction;
import dev.haven.files.service.ExtendedAttribute;
import dev.haven.files.service.ExtendedAttributes;
import dev.haven.files.service.FileService;
import dev.haven.files.service.MaximalAccess;
import dev.haven.files.service.OpenResult;
import dev.haven.files.service.Principal;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The create contexts about the opened file itself: ExtA ([MS-SMB2] 2.2.13.2.1, the EAs a new or
 * overwritten file gets, [MS-FSCC] 2.4.15), MxAc (2.2.13.2.5, answered as 2.2.14.2.5 and
 * 3.3.5.9.5 say: the maximal access, {@link MaximalAccess}) and QFid (2.2.13.2.9, answered as
 * 2.2.14.2.9: the on-disk id, which is the file's stable id as FileInternalInformation and the
 * Id directory classes report it, and the volume id). Each query is answered only when asked.
 * AlSi (2.2.13.2.6) gives a created or overwritten file its allocation size ([MS-FSA]
 * 2.1.5.15.1's rule, as FileAllocationInformation). An open of a file with a FILE_NEED_EA
 * attribute by a client that says FILE_NO_EA_KNOWLEDGE is refused ([MS-FSA] 2.1.5.1.2.1).
 *
 * @param eas           the ExtA context's attributes (empty without one)
 * @param maximalAccess true when the request carries MxAc
 * @param onDiskId      true when the request carries QFid
 * @param noEaKnowledge true when the request's CreateOptions has FILE_NO_EA_KNOWLEDGE
 * @param allocationSize the AlSi context's AllocationSize, or -1 without one
 */
record FileContexts(List<ExtendedAttribute> eas, boolean maximalAccess, boolean onDiskId, boolean noEaKnowledge,
        long allocationSize) {
    static final String EXTA = "ExtA";
    static final String MXAC = "MxAc";
    static final String QFID = "QFid";
    static final String ALSI = "AlSi";
    /** [MS-SMB2] 2.2.13: FILE_NO_EA_KNOWLEDGE. */
    private static final int NO_EA_KNOWLEDGE = 0x00000200;
    /** [MS-SMB2] 2.2.13.2.5: the request's optional Timestamp. */
    private static final int TIMESTAMP_SIZE = 8;
    private static final int ON_DISK_ID_RESERVED = 16;

    /**
     * What {@code req} carries, checked before anything is opened: an MxAc whose data is neither
     * empty nor a timestamp is invalid; a malformed ExtA list or EA name fails as SET_INFO would;
     * EAs for a named stream are STATUS_EAS_NOT_SUPPORTED (EAs belong to the file).
     */
    static FileContexts of(CreateRequest req, boolean stream) throws SmbStatusException {
        List<ExtendedAttribute> eas = List.of();
        boolean mxac = false;
        boolean qfid = false;
        long allocation = -1;
        for (CreateContext c : req.createContexts()) {
            switch (c.name()) {
                case EXTA -> eas = extA(c.data(), stream);
                case MXAC -> {
                    int length = c.data().length;
                    if (length != 0 && length != TIMESTAMP_SIZE) {
                        throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MxAc of " + length + " bytes");
                    }
                    mxac = true;
                }
                case QFID -> qfid = true;
                case ALSI -> {
                    if (c.data().length != Long.BYTES) {
                        throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "AlSi of " + c.data().length + " bytes");
                    }
                    allocation = java.nio.ByteBuffer.wrap(c.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                    if (allocation < 0) {
                        throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "AlSi of " + Long.toUnsignedString(allocation));
                    }
                }
                default -> { }
            }
        }
        return new FileContexts(eas, mxac, qfid, (req.createOptions() & NO_EA_KNOWLEDGE) != 0, allocation);
    }

    private static List<ExtendedAttribute> extA(byte[] data, boolean stream) throws SmbStatusException {
        if (stream) {
            throw new SmbStatusException(NtStatus.EAS_NOT_SUPPORTED, "EAs for a named stream");
        }
        List<ExtendedAttribute> eas = FullEaInformation.decode(data);
        try {
            eas.forEach(ea -> ExtendedAttributes.validateName(ea.name()));
        } catch (FileServiceException e) {
            throw new SmbStatusException(FileServiceStatus.of(e.error()), e.getMessage());
        }
        return eas;
    }

    /**
     * Gives a created or overwritten file the ExtA attributes and the AlSi allocation size, and
     * refuses FILE_NO_EA_KNOWLEDGE on a file that needs EA knowledge; on failure the open is
     * closed before the error goes back. Returns {@code r} with the attributes as they are now.
     */
    OpenResult apply(RequestContext ctx, OpenResult r) {
        try {
            if (!eas.isEmpty() && r.action() != CreateAction.OPENED) {
                ExtendedAttributes.setAtCreate(r.open(), eas);
            }
            if (allocationSize > 0 && r.action() != CreateAction.OPENED && !r.attributes().directory()) {
                FileService files = ctx.server().fileService();
                files.setAllocationSize(r.open(), allocationSize);
                r = new OpenResult(r.open(), r.action(), files.attributes(r.open()), r.oplock(), r.lease());
            }
            if (noEaKnowledge && ExtendedAttributes.needsEaKnowledge(r.open())) {
                throw new FileServiceException(dev.haven.files.FileServiceError.ACCESS_DENIED,
                        "FILE_NO_EA_KNOWLEDGE on a file with a FILE_NEED_EA attribute");
            }
        } catch (RuntimeException e) {
            ctx.server().fileService().close(r.open());
            throw e;
        }
        return r;
    }

    /**
     * The answers for the open {@code r}. The maximal access ignores the request's timestamp:
     * 3.3.5.9.5 lets the server answer whether or not the file changed since then.
     */
    List<CreateContext> answers(RequestContext ctx, OpenResult r) {
        List<CreateContext> out = new ArrayList<>(2);
        if (maximalAccess) {
            int rights = MaximalAccess.of(r.open(), new Principal(ctx.session.userName, ctx.session.token)).bits();
            out.add(new CreateContext(MXAC, new WireWriter().u32(NtStatus.SUCCESS.code()).u32(rights).toByteArray()));
        }
        if (onDiskId) {
            UUID fs = ctx.server().fileService().statfs(r.open().share()).fsId();
            long volume = fs.getMostSignificantBits() ^ fs.getLeastSignificantBits();
            out.add(new CreateContext(QFID, new WireWriter().u64(r.attributes().fileId()).u64(volume)
                    .bytes(new byte[ON_DISK_ID_RESERVED]).toByteArray()));
        }
        return out;
    }
}
