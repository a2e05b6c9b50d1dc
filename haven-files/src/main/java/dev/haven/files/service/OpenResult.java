package dev.haven.files.service;

import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.OplockLevel;
import java.util.Optional;

/**
 * A successful open: the open, what it did, the attributes after it, and the caching it was
 * granted (an oplock level, or a lease; [MS-SMB2] 3.3.5.9.8).
 */
public record OpenResult(Open open, CreateAction action, FileAttributes attributes, OplockLevel oplock,
        Optional<LeaseGrant> lease) {
    /** An open without caching. */
    public OpenResult(Open open, CreateAction action, FileAttributes attributes) {
        this(open, action, attributes, OplockLevel.NONE, Optional.empty());
    }
}
