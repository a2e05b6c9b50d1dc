package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One open of a named pipe on IPC$, in message mode: bytes the client writes are cut into DCE/RPC
 * fragments and answered; each answered PDU is one message to read. A read returns at most one
 * message; a message longer than the read is returned in parts, each but the last flagged
 * {@link PipeRead#more()} (STATUS_BUFFER_OVERFLOW, [MS-FSCC] 2.3.49 and [MS-SMB2] 3.3.5.12).
 * Not thread-safe: the SMB server touches a pipe from its connection's serial executor only.
 */
public final class RpcPipe {
    /** Longest single write: one whole fragment of the largest size a client may send. */
    public static final int MAX_WRITE = 65535;
    /** Unread output beyond which writes are refused (the client is not reading its answers). */
    static final int MAX_PENDING_OUTPUT = 1 << 20;
    private static final int LENGTH_FIELD_END = 10;

    private final Association association;
    private byte[] inbound = new byte[0];
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
    private int headOffset;
    private int pendingOutput;

    private RpcPipe(Association association) {
        this.association = association;
    }

    /**
     * Opens the pipe called {@code name} ("srvsvc", any case, with or without a leading
     * "\PIPE\"), or nothing when this server has no such pipe.
     */
    public static Optional<RpcPipe> open(String name, ServerDescription server) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("\\pipe\\")) {
            n = n.substring(6);
        }
        if (n.equals("srvsvc")) {
            return Optional.of(new RpcPipe(new Association("srvsvc", new Srvsvc(server))));
        }
        return Optional.empty();
    }

    /** One read: the bytes and whether the message goes on beyond them. */
    public record PipeRead(byte[] data, boolean more) {
        /** Copies the bytes. */
        public PipeRead {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * Takes bytes the client wrote and answers every fragment they complete. Returns false,
     * taking nothing, when the write is longer than {@link #MAX_WRITE} or too much output is
     * still unread.
     */
    public boolean write(byte[] data) {
        if (data.length > MAX_WRITE || pendingOutput > MAX_PENDING_OUTPUT) {
            return false;
        }
        byte[] joined = Arrays.copyOf(inbound, inbound.length + data.length);
        System.arraycopy(data, 0, joined, inbound.length, data.length);
        int at = 0;
        while (joined.length - at >= LENGTH_FIELD_END) {
            int fragLength = (joined[at + 8] & 0xFF) | (joined[at + 9] & 0xFF) << 8;
            if (fragLength < PduHeader.SIZE) {
                // No way to find the next fragment: answer and drop everything buffered (C706 12.4.1).
                emit(Association.protocolError(0));
                at = joined.length;
                break;
            }
            if (joined.length - at < fragLength) {
                break;
            }
            receive(Arrays.copyOfRange(joined, at, at + fragLength));
            at += fragLength;
        }
        inbound = Arrays.copyOfRange(joined, at, joined.length);
        return true;
    }

    private void receive(byte[] fragment) {
        RpcPdu pdu;
        try {
            pdu = RpcPdu.decode(fragment);
        } catch (MalformedMessageException e) {
            int callId = (fragment[12] & 0xFF) | (fragment[13] & 0xFF) << 8 | (fragment[14] & 0xFF) << 16
                    | (fragment[15] & 0xFF) << 24;
            emit(Association.protocolError(callId));
            return;
        }
        association.receive(pdu).forEach(this::emit);
    }

    private void emit(RpcPdu pdu) {
        byte[] message = pdu.encode();
        outbound.add(message);
        pendingOutput += message.length;
    }

    /** True when an answer waits to be read. */
    public boolean hasOutput() {
        return !outbound.isEmpty();
    }

    /** Reads up to {@code max} bytes of the next message (an empty read when none waits). */
    public PipeRead read(int max) {
        byte[] head = outbound.peek();
        if (head == null || max <= 0) {
            return new PipeRead(new byte[0], head != null);
        }
        int n = Math.min(max, head.length - headOffset);
        byte[] part = Arrays.copyOfRange(head, headOffset, headOffset + n);
        headOffset += n;
        pendingOutput -= n;
        if (headOffset == head.length) {
            outbound.poll();
            headOffset = 0;
            return new PipeRead(part, false);
        }
        return new PipeRead(part, true);
    }
}
