package dev.haven.node;

/** How a file system or share matches names. */
public enum CaseHandling {
    /** Names match exactly. */
    SENSITIVE,
    /** Names match ignoring case; the case given at creation is kept (what Windows clients expect). */
    INSENSITIVE
}
