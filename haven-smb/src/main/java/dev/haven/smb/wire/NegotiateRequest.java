package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.3: SMB2 NEGOTIATE Request. StructureSize (36), DialectCount, SecurityMode,
 * Reserved, Capabilities, ClientGuid (16), then NegotiateContextOffset/Count/Reserved2 when 3.1.1
 * is offered (ClientStartTime otherwise), Dialects, padding, NegotiateContextList.
 *
 * @param dialects the raw DialectRevision codes offered, unknown ones included
 */
public record NegotiateRequest(int securityMode, int capabilities, byte[] clientGuid, List<Integer> dialects,
        List<NegotiateContext> negotiateContexts) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 36;
    /** SecurityMode bit: signing enabled (2.2.3). */
    public static final int SIGNING_ENABLED = 0x0001;
    /** SecurityMode bit: signing required (2.2.3). */
    public static final int SIGNING_REQUIRED = 0x0002;
    /** Capabilities bit: DFS. */
    public static final int CAP_DFS = 0x01;
    /** Capabilities bit: leasing. */
    public static final int CAP_LEASING = 0x02;
    /** Capabilities bit: multi-credit operations. */
    public static final int CAP_LARGE_MTU = 0x04;
    /** Capabilities bit: multi-channel. */
    public static final int CAP_MULTI_CHANNEL = 0x08;
    /** Capabilities bit: persistent handles. */
    public static final int CAP_PERSISTENT_HANDLES = 0x10;
    /** Capabilities bit: directory leasing. */
    public static final int CAP_DIRECTORY_LEASING = 0x20;
    /** Capabilities bit: encryption (3.0, 3.0.2). */
    public static final int CAP_ENCRYPTION = 0x40;

    /** Copies the arrays and lists. */
    public NegotiateRequest {
        clientGuid = clientGuid.clone();
        if (clientGuid.length != 16) {
            throw new IllegalArgumentException("ClientGuid must be 16 bytes");
        }
        dialects = List.copyOf(dialects);
        negotiateContexts = List.copyOf(negotiateContexts);
    }

    @Override
    public byte[] clientGuid() {
        return clientGuid.clone();
    }

    /** The first context of a type, or null. */
    public <T extends NegotiateContext> T context(Class<T> type) {
        for (NegotiateContext c : negotiateContexts) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static NegotiateRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int dialectCount = r.u16();
        if (dialectCount == 0) {
            // [MS-SMB2] 3.3.5.4: DialectCount 0 fails with STATUS_INVALID_PARAMETER.
            throw MalformedMessageException.body("DialectCount is 0");
        }
        int securityMode = r.u16();
        r.skip(2);
        int capabilities = r.u32();
        byte[] clientGuid = r.bytes(16);
        long contextOffset = r.u32() & 0xFFFFFFFFL;
        int contextCount = r.u16();
        r.skip(2);
        List<Integer> dialects = new ArrayList<>(dialectCount);
        for (int i = 0; i < dialectCount; i++) {
            dialects.add(r.u16());
        }
        int endOfDialects = r.position();
        List<NegotiateContext> contexts = dialects.contains(0x0311)
                ? NegotiateContext.decodeList(r, contextOffset, contextCount, endOfDialects)
                : List.of();
        return new NegotiateRequest(securityMode, capabilities, clientGuid, dialects, contexts);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(dialects.size()).u16(securityMode).u16(0).u32(capabilities).bytes(clientGuid);
        int offsetField = w.position();
        w.u32(0).u16(negotiateContexts.size()).u16(0);
        dialects.forEach(w::u16);
        if (!negotiateContexts.isEmpty()) {
            w.align(8);
            w.u32At(offsetField, w.position());
            NegotiateContext.encodeList(w, negotiateContexts);
        }
    }
}
