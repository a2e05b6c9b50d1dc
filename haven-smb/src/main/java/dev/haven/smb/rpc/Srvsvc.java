package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import java.util.List;
import java.util.UUID;

/**
 * [MS-SRVS] the srvsvc interface (4b324fc8-1670-01d3-1278-5a47bf6ee188 version 3.0), the part
 * share browsing needs: NetrShareEnum (opnum 15) and NetrShareEnumSticky (36) at levels 0, 1 and
 * 2, NetrShareGetInfo (16) and NetrServerGetInfo (21) at levels 100 and 101. Other levels answer
 * ERROR_INVALID_LEVEL; other opnums fault with nca_s_op_rng_error.
 */
final class Srvsvc implements RpcInterface {
    static final SyntaxId SYNTAX = new SyntaxId(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3);
    static final int NETR_SHARE_ENUM = 15;
    static final int NETR_SHARE_GET_INFO = 16;
    static final int NETR_SERVER_GET_INFO = 21;
    static final int NETR_SHARE_ENUM_STICKY = 36;
    /** [MS-ERREF] 2.2 ERROR_INVALID_LEVEL. */
    static final int ERROR_INVALID_LEVEL = 124;
    /** [MS-SRVS] 3.1.4.10: NERR_NetNameNotFound. */
    static final int NERR_NET_NAME_NOT_FOUND = 2310;
    /** [MS-SRVS] 2.2.2.6 PLATFORM_ID_NT. */
    static final int PLATFORM_ID_NT = 500;
    /** [MS-SRVS] 2.2.2.7: SV_TYPE_WORKSTATION | SV_TYPE_SERVER | SV_TYPE_SERVER_NT. */
    static final int SERVER_TYPE = 0x00000001 | 0x00000002 | 0x00008000;
    /** [MS-SRVS] 2.2.4.24 shi2_max_uses: no limit. */
    private static final int UNLIMITED = -1;

    private final ServerDescription server;

    Srvsvc(ServerDescription server) {
        this.server = server;
    }

    @Override
    public SyntaxId syntax() {
        return SYNTAX;
    }

    @Override
    public byte[] call(int opnum, byte[] stub) throws RpcFaultException {
        try {
            return switch (opnum) {
                case NETR_SHARE_ENUM, NETR_SHARE_ENUM_STICKY -> shareEnum(new NdrReader(stub));
                case NETR_SHARE_GET_INFO -> shareGetInfo(new NdrReader(stub));
                case NETR_SERVER_GET_INFO -> serverGetInfo(new NdrReader(stub));
                default -> throw new RpcFaultException(FaultPdu.OP_RANGE_ERROR, "srvsvc opnum " + opnum);
            };
        } catch (MalformedMessageException e) {
            throw new RpcFaultException(FaultPdu.BAD_STUB_DATA, "srvsvc opnum " + opnum + ": " + e.getMessage());
        }
    }

    /**
     * [MS-SRVS] 3.1.4.8 NetrShareEnum: every share in one answer (PreferedMaximumLength is
     * treated as unlimited, which 3.1.4.8 permits for MAX_PREFERRED_LENGTH and a short list).
     * ResumeHandle counts the entries already returned.
     */
    private byte[] shareEnum(NdrReader r) throws MalformedMessageException {
        r.uniqueString(); // ServerName: this server whatever it says
        int level = r.u32();
        if (r.u32() != level) {
            throw MalformedMessageException.body("SHARE_ENUM_STRUCT level and union switch differ");
        }
        if (r.pointer()) {
            r.u32(); // EntriesRead
            if (r.pointer()) {
                throw MalformedMessageException.body("NetrShareEnum with entries on input");
            }
        }
        r.u32(); // PreferedMaximumLength
        boolean hasResume = r.pointer();
        int resume = hasResume ? r.u32() : 0;
        List<ShareEntry> all = server.shares();
        int from = (int) Math.min(Integer.toUnsignedLong(resume), all.size());
        List<ShareEntry> entries = all.subList(from, all.size());
        boolean known = level == 0 || level == 1 || level == 2;
        NdrWriter w = new NdrWriter();
        w.u32(level).u32(level).pointer(known);
        if (known) {
            w.u32(entries.size()).pointer(true).u32(entries.size());
            entries.forEach(e -> shareFixed(w, level, e));
            entries.forEach(e -> shareDeferred(w, level, e));
        }
        w.u32(all.size()); // TotalEntries
        w.pointer(hasResume);
        if (hasResume) {
            w.u32(known ? all.size() : resume);
        }
        return w.u32(known ? 0 : ERROR_INVALID_LEVEL).toByteArray();
    }

    /** [MS-SRVS] 3.1.4.10 NetrShareGetInfo: one share by name (case-insensitive). */
    private byte[] shareGetInfo(NdrReader r) throws MalformedMessageException {
        r.uniqueString();
        String name = r.string();
        int level = r.u32();
        ShareEntry found = server.shares().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElse(null);
        boolean known = level == 0 || level == 1 || level == 2;
        NdrWriter w = new NdrWriter();
        w.u32(level).pointer(known && found != null);
        if (known && found != null) {
            shareFixed(w, level, found);
            shareDeferred(w, level, found);
        }
        int status = !known ? ERROR_INVALID_LEVEL : found == null ? NERR_NET_NAME_NOT_FOUND : 0;
        return w.u32(status).toByteArray();
    }

    /** [MS-SRVS] 3.1.4.17 NetrServerGetInfo: SERVER_INFO_100 or 101 (2.2.4.40, 2.2.4.41). */
    private byte[] serverGetInfo(NdrReader r) throws MalformedMessageException {
        r.uniqueString();
        int level = r.u32();
        boolean known = level == 100 || level == 101;
        NdrWriter w = new NdrWriter();
        w.u32(level).pointer(known);
        if (known) {
            w.u32(PLATFORM_ID_NT).pointer(true);
            if (level == 101) {
                w.u32(10).u32(0).u32(SERVER_TYPE).pointer(true);
            }
            w.string(server.serverName());
            if (level == 101) {
                w.string(server.comment());
            }
        }
        return w.u32(known ? 0 : ERROR_INVALID_LEVEL).toByteArray();
    }

    /** The fixed part of SHARE_INFO_0/1/2 ([MS-SRVS] 2.2.4.22-24); strings are deferred. */
    private static void shareFixed(NdrWriter w, int level, ShareEntry e) {
        w.pointer(true);
        if (level >= 1) {
            w.u32(e.type()).pointer(true);
        }
        if (level == 2) {
            w.u32(0).u32(UNLIMITED).u32(0).pointer(true).pointer(false);
        }
    }

    /** The deferred strings of one share, in field order (C706 14.3.12.3). */
    private static void shareDeferred(NdrWriter w, int level, ShareEntry e) {
        w.string(e.name());
        if (level >= 1) {
            w.string(e.remark());
        }
        if (level == 2) {
            w.string(e.path());
        }
    }
}
