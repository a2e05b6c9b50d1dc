package dev.haven.files.service;

/** A successful open: the open, what it did, and the attributes after it. */
public record OpenResult(Open open, CreateAction action, FileAttributes attributes) {
}
