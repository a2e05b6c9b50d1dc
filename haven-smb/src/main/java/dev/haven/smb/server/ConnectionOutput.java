package dev.haven.smb.server;

/**
 * The way back to a client outside the request that is being processed: a late (asynchronous)
 * response, or a message the server starts (an oplock or lease break). Tasks run on the
 * connection's serial executor, so they see the connection's state as its requests do.
 */
interface ConnectionOutput {
    /** Runs {@code task} on the connection's serial executor, after what is queued there. */
    void execute(Runnable task);

    /**
     * Runs {@code task} at once when called from a task on this connection's serial executor, so
     * that what it sends goes out before the requests queued behind the current one (a break
     * that request caused must reach the client before the answers to its next requests, as
     * smb2.lease.rename_wait expects); from elsewhere, queues it as {@link #execute} does.
     */
    default void executeFirst(Runnable task) {
        execute(task);
    }

    /** Writes one SMB2 payload (the transport header is added); called on the serial executor. */
    void send(byte[] payload);

    /**
     * Memory for one outgoing message of {@code length} bytes in the transport's own buffers, or
     * null when it lends none (the message is then built on the heap and sent by {@link #send}).
     */
    default OutboundBuffer lend(int length) {
        return null;
    }

    /** True once the transport is gone (its cleanup may still be queued on the serial executor). */
    boolean isClosed();
}
