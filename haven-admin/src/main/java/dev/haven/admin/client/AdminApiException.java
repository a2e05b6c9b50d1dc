package dev.haven.admin.client;

import java.io.IOException;

/** The admin API refused a request: its HTTP status and message. */
public final class AdminApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    AdminApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
