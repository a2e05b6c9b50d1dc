package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.service.BasicInfo;
import dev.haven.files.service.ExtendedAttributes;
import dev.haven.files.service.FileService;
import dev.haven.files.service.SharePath;
import dev.haven.files.service.StreamName;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SetInfoRequest;
import dev.haven.smb.wire.SetInfoResponse;
import dev.haven.smb.wire.WireReader;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * [MS-SMB2] 3.3.5.21: SET_INFO for the file classes Basic, Rename, Link, Disposition (and
 * DispositionEx), EndOfFile, Allocation, Position (kept per open) and FullEa ([MS-FSCC] 2.4.15,
 * {@link FullEaInformation}); Mode is accepted and ignored.
 */
final class SetInfoHandler {
    private static final System.Logger LOG = System.getLogger(SetInfoHandler.class.getName());
    private static final int BASIC = 4;
    private static final int RENAME = 10;
    private static final int LINK = 11;
    private static final int DISPOSITION = 13;
    private static final int POSITION = 14;
    private static final int MODE = 16;
    private static final int ALLOCATION = 19;
    private static final int END_OF_FILE = 20;
    private static final int DISPOSITION_EX = 64;

    Reply handle(RequestContext ctx, SetInfoRequest req) throws SmbStatusException, MalformedMessageException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        if (req.infoType() == dev.haven.smb.wire.QueryInfoRequest.INFO_SECURITY) {
            // [MS-SMB2] 3.3.5.21.3: the buffer is a self-relative descriptor, AdditionalInformation says which parts.
            ctx.server().fileService().setSecurityDescriptor(open.open(), req.additionalInformation(),
                    SecurityDescriptors.decode(req.buffer()));
            return Reply.ok(new SetInfoResponse());
        }
        if (req.infoType() != dev.haven.smb.wire.QueryInfoRequest.INFO_FILE) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "SET_INFO type " + req.infoType());
        }
        FileService service = ctx.server().fileService();
        WireReader r = new WireReader(req.buffer());
        switch (req.fileInfoClass()) {
            case BASIC -> service.setBasicInfo(open.open(), basic(r));
            case RENAME -> {
                return renameWhenBroken(ctx, service, open, req);
            }
            case LINK -> {
                boolean replace = r.u8() != 0;
                service.link(open.open(), target(r), replace);
            }
            case DISPOSITION -> service.setDeleteOnClose(open.open(), r.u8() != 0);
            case DISPOSITION_EX -> service.setDeleteOnClose(open.open(), (r.u32() & 0x1) != 0);
            case END_OF_FILE -> service.setEndOfFile(open.open(), r.u64());
            case ALLOCATION -> service.setAllocationSize(open.open(), r.u64());
            case POSITION -> open.position(r.u64());
            case MODE -> { }
            case EaQuery.FULL_EA -> ExtendedAttributes.set(open.open(), FullEaInformation.decode(req.buffer()));
            default -> throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "class " + req.fileInfoClass());
        }
        return Reply.ok(new SetInfoResponse());
    }

    /** [MS-FSCC] 2.4.7: a time of 0 or -1 (or -2) leaves it unchanged; attributes 0 leave them unchanged. */
    private static BasicInfo basic(WireReader r) throws MalformedMessageException {
        Long creation = time(r.u64());
        Long access = time(r.u64());
        Long write = time(r.u64());
        Long change = time(r.u64());
        int attributes = r.u32();
        return new BasicInfo(creation, access, write, change, attributes == 0 ? null : attributes);
    }

    private static Long time(long filetime) {
        return filetime == 0 || filetime == -1 || filetime == -2 ? null : InfoEncoding.ticks(filetime);
    }

    /**
     * A rename of the file (not of a stream) first breaks the handle caching of other holders
     * and, while they have not acknowledged, goes asynchronous and renames once they have
     * ([MS-SMB2] 3.3.4.2; smbtorture's smb2.lease.rename_wait: meanwhile the new name does not
     * exist yet).
     */
    private static Reply renameWhenBroken(RequestContext ctx, FileService service, SmbOpen open, SetInfoRequest req)
            throws SmbStatusException, MalformedMessageException {
        WireReader peek = new WireReader(req.buffer());
        peek.u8();
        BreakWait wait = targetName(peek).startsWith(":") ? BreakWait.none() : service.breaksBeforeRename(open.open());
        if (wait.isDone()) {
            rename(service, open, new WireReader(req.buffer()));
            return Reply.ok(new SetInfoResponse());
        }
        AtomicBoolean withdrawn = new AtomicBoolean();
        PendingRequest pending = ctx.goAsync((request, reason) -> {
            withdrawn.set(true);
            if (reason != PendingRequest.CancelReason.DISCONNECT) {
                request.fail(NtStatus.CANCELLED); // [MS-SMB2] 3.3.5.16
            }
        });
        wait.future().thenRun(() -> ctx.connection.output.execute(() -> {
            if (!withdrawn.get()) {
                finishRename(service, open, req, pending);
            }
        }));
        return pending.interim();
    }

    /** On the serial executor once the breaks are acknowledged (or timed out). */
    private static void finishRename(FileService service, SmbOpen open, SetInfoRequest req, PendingRequest pending) {
        try {
            rename(service, open, new WireReader(req.buffer()));
            pending.complete(NtStatus.SUCCESS, new SetInfoResponse());
        } catch (FileServiceException e) {
            pending.fail(FileServiceStatus.of(e.error()));
        } catch (MalformedMessageException e) {
            pending.fail(NtStatus.INVALID_PARAMETER);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "internal error completing a rename", e);
            pending.fail(NtStatus.INTERNAL_ERROR);
        }
    }

    private static void rename(FileService service, SmbOpen open, WireReader r)
            throws MalformedMessageException {
        boolean replace = r.u8() != 0;
        int at = r.position();
        String raw = targetName(r);
        if (raw.startsWith(":")) {
            // [MS-FSCC] 2.4.37: ":name" renames the open stream within its file.
            String stream = StreamName.split(raw).stream();
            service.renameStream(open.open(), stream, replace);
            String path = open.path();
            open.renamedTo(path.substring(0, path.indexOf(':') < 0 ? path.length() : path.indexOf(':'))
                    + (stream.isEmpty() ? "" : ":" + stream));
            return;
        }
        r.position(at);
        SharePath to = target(r);
        service.rename(open.open(), to, replace);
        open.renamedTo(String.join("\\", to.components()));
    }

    /**
     * [MS-FSCC] 2.4.37 FileRenameInformation (SMB2 form, shared by 2.4.27 FileLinkInformation):
     * ReplaceIfExists (1), Reserved (7), RootDirectory (8, must be 0), FileNameLength (4), FileName,
     * a path from the share root.
     */
    private static SharePath target(WireReader r) throws MalformedMessageException {
        return SharePath.parse(targetName(r), '\\');
    }

    private static String targetName(WireReader r) throws MalformedMessageException {
        r.position(8);
        if (r.u64() != 0) {
            throw MalformedMessageException.body("RootDirectory must be 0 over SMB2");
        }
        long length = Integer.toUnsignedLong(r.u32());
        String name = WireReader.utf16(r.bytes((int) Math.min(length, r.length() - r.position())));
        return name;
    }
}
