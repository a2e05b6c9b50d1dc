package dev.haven.files.service;

/** What an open did ([MS-SMB2] 2.2.14 CreateAction; the ordinal is the wire value). */
public enum CreateAction {
    /** An existing file was replaced. */
    SUPERSEDED,
    /** An existing file was opened. */
    OPENED,
    /** A new file was created. */
    CREATED,
    /** An existing file was truncated. */
    OVERWRITTEN
}
