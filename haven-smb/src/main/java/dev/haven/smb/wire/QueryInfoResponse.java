package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.38: SMB2 QUERY_INFO Response: the encoded information. */
public record QueryInfoResponse(byte[] buffer) implements Smb2Response {
    /** Copies the buffer. */
    public QueryInfoResponse {
        buffer = buffer.clone();
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    @Override
    public void encodeBody(WireWriter w) {
        OutputBufferResponse.encode(w, buffer);
    }

    /** Decodes a response body (used by tests and clients). */
    public static QueryInfoResponse decode(WireReader r) throws MalformedMessageException {
        return new QueryInfoResponse(OutputBufferResponse.decode(r));
    }
}
