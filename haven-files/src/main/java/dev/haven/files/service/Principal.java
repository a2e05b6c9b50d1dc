package dev.haven.files.service;

/**
 * Who opens a file. Access control lists come later; for now every authenticated principal gets
 * what the share allows.
 *
 * @param name the user name as authenticated
 */
public record Principal(String name) {
}
