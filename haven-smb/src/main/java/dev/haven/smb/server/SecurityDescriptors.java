package dev.haven.smb.server;

import dev.haven.files.security.MalformedDescriptorException;
import dev.haven.files.security.SecurityDescriptor;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.NtStatus;
import java.util.List;

/**
 * Security descriptors on the wire: the self-relative form of [MS-DTYP] 2.4.6 in QUERY_INFO and
 * SET_INFO (SMB2_0_INFO_SECURITY) and in the "SecD" create context ([MS-SMB2] 2.2.13.2.1
 * SMB2_CREATE_SD_BUFFER). The codec and the rules are haven-files'.
 */
final class SecurityDescriptors {
    /** [MS-SMB2] 2.2.13.2: SMB2_CREATE_SD_BUFFER. */
    static final String CREATE_CONTEXT = "SecD";

    private SecurityDescriptors() {
    }

    /** Decodes a client's descriptor; bad bytes are STATUS_INVALID_SECURITY_DESCR. */
    static SecurityDescriptor decode(byte[] raw) throws SmbStatusException {
        try {
            return SecurityDescriptor.decode(raw);
        } catch (MalformedDescriptorException e) {
            throw new SmbStatusException(NtStatus.INVALID_SECURITY_DESCR, e.getMessage());
        }
    }

    /** The descriptor of the "SecD" create context, or null without one. */
    static SecurityDescriptor fromCreateContexts(List<CreateContext> contexts) throws SmbStatusException {
        for (CreateContext c : contexts) {
            if (c.name().equals(CREATE_CONTEXT)) {
                return decode(c.data());
            }
        }
        return null;
    }
}
