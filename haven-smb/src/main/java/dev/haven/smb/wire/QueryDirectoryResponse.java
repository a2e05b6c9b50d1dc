package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.34: SMB2 QUERY_DIRECTORY Response: the encoded directory entries. */
public record QueryDirectoryResponse(byte[] buffer) implements Smb2Response {
    /** Copies the buffer. */
    public QueryDirectoryResponse {
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
    public static QueryDirectoryResponse decode(WireReader r) throws MalformedMessageException {
        return new QueryDirectoryResponse(OutputBufferResponse.decode(r));
    }
}
