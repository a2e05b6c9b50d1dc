package dev.haven.smb.server;

import dev.haven.files.service.ExtendedAttributes;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.QueryDirectoryRequest;
import dev.haven.smb.wire.QueryDirectoryResponse;
import dev.haven.smb.wire.WireWriter;

/**
 * [MS-SMB2] 3.3.5.18: QUERY_DIRECTORY. A new search starts on the first query of an open, on
 * RESTART_SCANS and on REOPEN; entries are 8-byte aligned and fill the client's buffer (or one
 * entry with RETURN_SINGLE_ENTRY). An empty first answer is STATUS_NO_SUCH_FILE, a later one
 * STATUS_NO_MORE_FILES.
 */
final class QueryDirectoryHandler {
    Reply handle(RequestContext ctx, QueryDirectoryRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        if (!open.open().isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "QUERY_DIRECTORY on a file");
        }
        if (!DirectoryInfoClasses.supported(req.fileInformationClass())) {
            throw new SmbStatusException(NtStatus.INVALID_INFO_CLASS, "class " + req.fileInformationClass());
        }
        int restart = QueryDirectoryRequest.RESTART_SCANS | QueryDirectoryRequest.REOPEN;
        if (open.search() == null || (req.flags() & restart) != 0) {
            boolean ignoreCase = open.open().share().caseInsensitive();
            open.search(new DirectorySearch(WildcardPattern.of(req.pattern(), ignoreCase)));
        }
        DirectorySearch search = open.search();
        long budget = Math.min(Integer.toUnsignedLong(req.outputBufferLength()), NegotiateHandler.MAX_IO_SIZE);
        boolean single = (req.flags() & QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
        WireWriter out = new WireWriter(4096);
        int last = -1;
        DirectorySearch.Item item;
        while ((item = search.next(ctx.server().fileService(), open.open())) != null) {
            int eaSize = DirectoryInfoClasses.hasEaSize(req.fileInformationClass())
                    ? ExtendedAttributes.sizeOf(open.open().share(), item.attributes().fileId()) : 0;
            byte[] entry = DirectoryInfoClasses.encode(req.fileInformationClass(), item.name(), item.attributes(), eaSize);
            int at = last < 0 ? 0 : (out.position() + 7) & ~7;
            if (at + entry.length > budget) {
                search.pushBack(item);
                break;
            }
            out.align(8);
            if (last >= 0) {
                out.u32At(last, at - last);
            }
            out.bytes(entry);
            last = at;
            if (single) {
                break;
            }
        }
        if (last < 0) {
            if (item != null) {
                throw new SmbStatusException(NtStatus.INFO_LENGTH_MISMATCH, "no room for one entry");
            }
            throw new SmbStatusException(search.returnedAny() ? NtStatus.NO_MORE_FILES : NtStatus.NO_SUCH_FILE,
                    "end of listing");
        }
        search.returned();
        return Reply.ok(new QueryDirectoryResponse(out.toByteArray()));
    }
}
