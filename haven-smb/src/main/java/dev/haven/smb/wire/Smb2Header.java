package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.1: the 64-byte SMB2 packet header, sync form (2.2.1.2: Reserved + TreeId) or
 * async form (2.2.1.1: AsyncId), chosen by {@link HeaderFlags#ASYNC_COMMAND}.
 *
 * <pre>
 *  0 ProtocolId 0xFE 'S' 'M' 'B'   4 StructureSize (64)   6 CreditCharge
 *  8 Status / ChannelSequence+Reserved                   12 Command
 * 14 CreditRequest/CreditResponse  16 Flags              20 NextCommand
 * 24 MessageId                     32 Reserved|TreeId  or  AsyncId (8)
 * 40 SessionId                     48 Signature (16)
 * </pre>
 *
 * @param status for requests this is the ChannelSequence/Reserved field read as one number
 * @param credits CreditRequest in requests, CreditResponse in responses
 */
public record Smb2Header(int creditCharge, NtStatus status, Command command, int credits, int flags,
        int nextCommand, long messageId, long asyncId, int treeId, long sessionId, byte[] signature) {

    /** Size of the header on the wire. */
    public static final int SIZE = 64;
    /** ProtocolId of an SMB2 message, as the first four bytes read little-endian. */
    public static final int PROTOCOL_ID = 0x424D53FE;
    /** ProtocolId of a TRANSFORM_HEADER ([MS-SMB2] 2.2.41). */
    public static final int TRANSFORM_PROTOCOL_ID = 0x424D53FD;
    /** ProtocolId of an SMB1 message. */
    public static final int SMB1_PROTOCOL_ID = 0x424D53FF;
    /** Offset of the Signature field. */
    public static final int SIGNATURE_OFFSET = 48;

    /** Copies the signature and checks its size. */
    public Smb2Header {
        signature = signature == null ? new byte[16] : signature.clone();
        if (signature.length != 16) {
            throw new IllegalArgumentException("signature must be 16 bytes");
        }
    }

    /** True for the async form. */
    public boolean isAsync() {
        return HeaderFlags.has(flags, HeaderFlags.ASYNC_COMMAND);
    }

    /** True when the message says it is signed. */
    public boolean isSigned() {
        return HeaderFlags.has(flags, HeaderFlags.SIGNED);
    }

    /** True when this request is related to the previous one in a compound. */
    public boolean isRelated() {
        return HeaderFlags.has(flags, HeaderFlags.RELATED_OPERATIONS);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** A copy with other SessionId and TreeId (related compound requests inherit them). */
    public Smb2Header withIds(long newSessionId, int newTreeId) {
        return new Smb2Header(creditCharge, status, command, credits, flags, nextCommand, messageId, asyncId,
                newTreeId, newSessionId, signature);
    }

    /** Decodes a header from the first 64 bytes; any violation is fatal to the connection. */
    public static Smb2Header decode(WireReader r) throws MalformedMessageException {
        if (r.length() < SIZE) {
            throw MalformedMessageException.fatal("message of " + r.length() + " bytes is shorter than the header");
        }
        try {
            r.position(0);
            if (r.u32() != PROTOCOL_ID) {
                throw MalformedMessageException.fatal("not an SMB2 header");
            }
            if (r.u16() != SIZE) {
                throw MalformedMessageException.fatal("header StructureSize is not 64");
            }
            int creditCharge = r.u16();
            NtStatus status = new NtStatus(r.u32());
            Command command = Command.fromCode(r.u16());
            int credits = r.u16();
            int flags = r.u32();
            int nextCommand = r.u32();
            long messageId = r.u64();
            long asyncId = 0;
            int treeId = 0;
            if (HeaderFlags.has(flags, HeaderFlags.ASYNC_COMMAND)) {
                asyncId = r.u64();
            } else {
                r.skip(4);
                treeId = r.u32();
            }
            long sessionId = r.u64();
            byte[] signature = r.bytes(16);
            return new Smb2Header(creditCharge, status, command, credits, flags, nextCommand, messageId, asyncId,
                    treeId, sessionId, signature);
        } catch (MalformedMessageException e) {
            throw e.fatal() ? e : MalformedMessageException.fatal(e.getMessage());
        }
    }

    /** Writes the 64 header bytes. */
    public void encode(WireWriter w) {
        w.u32(PROTOCOL_ID).u16(SIZE).u16(creditCharge).u32(status.code()).u16(command.code()).u16(credits)
                .u32(flags).u32(nextCommand).u64(messageId);
        if (isAsync()) {
            w.u64(asyncId);
        } else {
            w.u32(0).u32(treeId);
        }
        w.u64(sessionId).bytes(signature);
    }
}
