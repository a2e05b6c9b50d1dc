package dev.haven.admin.api;

/** Every failed request's body: the HTTP status and a message meant for a person. */
public record ApiError(int status, String error) {}
