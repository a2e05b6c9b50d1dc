package dev.haven.smb.wire;

import java.util.List;

/**
 * [MS-SMB2] 2.2.4: SMB2 NEGOTIATE Response. StructureSize (65), SecurityMode, DialectRevision,
 * NegotiateContextCount, ServerGuid (16), Capabilities, MaxTransactSize, MaxReadSize,
 * MaxWriteSize, SystemTime, ServerStartTime, SecurityBufferOffset/Length,
 * NegotiateContextOffset, Buffer (security buffer, padding, contexts for 3.1.1).
 */
public record NegotiateResponse(int securityMode, int dialectRevision, byte[] serverGuid, int capabilities,
        int maxTransactSize, int maxReadSize, int maxWriteSize, long systemTime, long serverStartTime,
        byte[] securityBuffer, List<NegotiateContext> negotiateContexts) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 65;
    /** DialectRevision answered to an SMB1 negotiate offering "SMB 2.???" (3.3.5.3.1). */
    public static final int WILDCARD_DIALECT = 0x02FF;

    /** Copies arrays and lists. */
    public NegotiateResponse {
        serverGuid = serverGuid.clone();
        securityBuffer = securityBuffer.clone();
        negotiateContexts = List.copyOf(negotiateContexts);
    }

    @Override
    public byte[] serverGuid() {
        return serverGuid.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(securityMode).u16(dialectRevision).u16(negotiateContexts.size())
                .bytes(serverGuid).u32(capabilities).u32(maxTransactSize).u32(maxReadSize).u32(maxWriteSize)
                .u64(systemTime).u64(serverStartTime);
        int bufferOffset = Smb2Header.SIZE + 64;
        w.u16(bufferOffset).u16(securityBuffer.length);
        int contextOffsetField = w.position();
        w.u32(0);
        w.bytes(securityBuffer);
        if (negotiateContexts.isEmpty()) {
            if (securityBuffer.length == 0) {
                w.u8(0); // StructureSize 65 counts one byte of Buffer
            }
            return;
        }
        w.align(8);
        w.u32At(contextOffsetField, w.position());
        NegotiateContext.encodeList(w, negotiateContexts);
    }

    /** Decodes a response body (used by tests and clients). */
    public static NegotiateResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int securityMode = r.u16();
        int dialect = r.u16();
        int contextCount = r.u16();
        byte[] serverGuid = r.bytes(16);
        int capabilities = r.u32();
        int maxTransact = r.u32();
        int maxRead = r.u32();
        int maxWrite = r.u32();
        long systemTime = r.u64();
        long startTime = r.u64();
        int bufferOffset = r.u16();
        int bufferLength = r.u16();
        long contextOffset = r.u32() & 0xFFFFFFFFL;
        int fixedEnd = r.position();
        byte[] security = r.buffer(bufferOffset, bufferLength, fixedEnd);
        List<NegotiateContext> contexts = dialect == 0x0311
                ? NegotiateContext.decodeList(r, contextOffset, contextCount, fixedEnd)
                : List.of();
        return new NegotiateResponse(securityMode, dialect, serverGuid, capabilities, maxTransact, maxRead, maxWrite,
                systemTime, startTime, security, contexts);
    }
}
