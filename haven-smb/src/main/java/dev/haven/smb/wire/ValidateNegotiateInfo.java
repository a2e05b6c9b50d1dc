package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/** [MS-SMB2] 2.2.31.4 and 2.2.32.6: the FSCTL_VALIDATE_NEGOTIATE_INFO request and response. */
public final class ValidateNegotiateInfo {
    private ValidateNegotiateInfo() {
    }

    /** 2.2.31.4: Capabilities (4), Guid (16), SecurityMode (2), DialectCount (2), Dialects. */
    public record Request(int capabilities, byte[] guid, int securityMode, List<Integer> dialects) {
        /** Copies the arrays. */
        public Request {
            guid = guid.clone();
            dialects = List.copyOf(dialects);
        }

        @Override
        public byte[] guid() {
            return guid.clone();
        }

        /** Decodes the IOCTL input buffer. */
        public static Request decode(byte[] input) throws MalformedMessageException {
            WireReader r = new WireReader(input);
            int capabilities = r.u32();
            byte[] guid = r.bytes(16);
            int securityMode = r.u16();
            int count = r.u16();
            List<Integer> dialects = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                dialects.add(r.u16());
            }
            return new Request(capabilities, guid, securityMode, dialects);
        }

        /** Encodes the IOCTL input buffer. */
        public byte[] encode() {
            WireWriter w = new WireWriter().u32(capabilities).bytes(guid).u16(securityMode).u16(dialects.size());
            dialects.forEach(w::u16);
            return w.toByteArray();
        }
    }

    /** 2.2.32.6: Capabilities (4), Guid (16), SecurityMode (2), Dialect (2). */
    public record Response(int capabilities, byte[] guid, int securityMode, int dialect) {
        /** Copies the guid. */
        public Response {
            guid = guid.clone();
        }

        @Override
        public byte[] guid() {
            return guid.clone();
        }

        /** Encodes the IOCTL output buffer. */
        public byte[] encode() {
            return new WireWriter().u32(capabilities).bytes(guid).u16(securityMode).u16(dialect).toByteArray();
        }
    }
}
