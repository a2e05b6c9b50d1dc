package dev.haven.files.notify;

import java.util.List;

/** How a change-notify request ends ([MS-SMB2] 3.3.5.19, [MS-FSA] 2.1.5.10). */
public sealed interface NotifyOutcome {
    /** The changes since the previous request, in order; they fit the request's buffer. */
    record Changes(List<NotifyChange> changes) implements NotifyOutcome {
        /** Copies the list. */
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /** More changed than the buffer holds: the client must enumerate the directory (STATUS_NOTIFY_ENUM_DIR). */
    record EnumDir() implements NotifyOutcome {
    }

    /** The watched directory was marked for deletion (STATUS_DELETE_PENDING). */
    record DeletePending() implements NotifyOutcome {
    }

    /** The watch ended with its open, session or tree (STATUS_NOTIFY_CLEANUP). */
    record Cleanup() implements NotifyOutcome {
    }

    /** The client withdrew the request (STATUS_CANCELLED). */
    record Cancelled() implements NotifyOutcome {
    }
}
