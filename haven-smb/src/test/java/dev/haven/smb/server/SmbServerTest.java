package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.wire.NegotiateResponse;
import dev.haven.smb.wire.WireReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The server lifecycle over a real loopback socket. */
class SmbServerTest {
    private static SmbServer start() throws InterruptedException {
        return SmbServer.start(TestServers.context().config(), "127.0.0.1", 0);
    }

    private static byte[] roundTrip(Socket s, byte[] message) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(SmbChannelHandler.transportHeader(message.length));
        out.write(message);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int length = in.readInt();
        byte[] reply = new byte[length];
        in.readFully(reply);
        return reply;
    }

    @Test
    void servesOnAnEphemeralPortAndStopsCleanly() throws Exception {
        SmbServer server = start();
        int port = server.port();
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertTrue(port > 0);
            s.setSoTimeout(10_000);
            byte[] reply = roundTrip(s, TestServers.negotiate(0, 0x0202));
            assertEquals(0x0202, NegotiateResponse.decode(new WireReader(reply)).dialectRevision());
            server.close();
            assertEquals(-1, s.getInputStream().read(), "connection closed by stop");
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void closesAConnectionThatAnnouncesAnOversizeFrame() throws Exception {
        try (SmbServer server = start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read());
        }
    }
}
