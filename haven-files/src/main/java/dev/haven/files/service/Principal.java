package dev.haven.files.service;

import dev.haven.files.security.Token;

/**
 * Who opens a file: the user name as authenticated and the token the access check uses.
 *
 * @param name  the user name as authenticated
 * @param token the user's SID and groups
 */
public record Principal(String name, Token token) {
    /** A principal with no stored SID (tests and tools): see {@link Token#unmapped(String)}. */
    public Principal(String name) {
        this(name, Token.unmapped(name));
    }
}
