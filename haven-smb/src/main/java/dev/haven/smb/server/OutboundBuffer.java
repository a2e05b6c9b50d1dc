package dev.haven.smb.server;

import java.nio.ByteBuffer;

/**
 * Memory the transport lends for one outgoing message, so that a READ's data is read straight
 * into the memory the socket sends from (no copy into and out of the Java heap). Exactly one of
 * {@link #send} or {@link #release} is called, once.
 */
interface OutboundBuffer {
    /** The message's bytes, from position 0, as long as was asked for. */
    ByteBuffer message();

    /** Sends the first {@code length} bytes of the message (the transport header is added) and gives the memory back. */
    void send(int length);

    /** Gives the memory back unsent. */
    void release();
}
