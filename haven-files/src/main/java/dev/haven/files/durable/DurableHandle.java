package dev.haven.files.durable;

import dev.haven.files.service.Open;

/** A front-end's handle of an open (its protocol state around the file-service open), kept while preserved. */
public interface DurableHandle {
    /** The file-service open behind the handle. */
    Open open();
}
