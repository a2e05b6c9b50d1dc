package dev.haven.files.durable;

import dev.haven.files.service.Open;

/**
 * A front-end's way back from a stored persistent open to its own handle, after a restart: the
 * file service has re-established {@code open}; the front-end wraps it as its handle from the
 * record (and its own state in {@link PersistedOpen#frontEnd()}).
 */
@FunctionalInterface
public interface HandleFactory {
    /** The front-end's handle around the re-established {@code open}. */
    DurableHandle restored(Open open, PersistedOpen record);
}
