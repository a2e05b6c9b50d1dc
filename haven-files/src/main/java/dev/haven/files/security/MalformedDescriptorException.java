package dev.haven.files.security;

/** A security descriptor, ACL, ACE or SID whose bytes break [MS-DTYP] 2.4 (STATUS_INVALID_SECURITY_DESCR). */
public final class MalformedDescriptorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what is wrong. */
    public MalformedDescriptorException(String message) {
        super(message);
    }
}
