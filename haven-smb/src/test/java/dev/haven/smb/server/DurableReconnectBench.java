package dev.haven.smb.server;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import dev.haven.smb.wire.WriteRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark driver, not a test (issue 6: reconnect to first read on a preserved handle, target
 * under 50 ms on loopback): opens {@code file} durably (batch oplock + DHnQ) on a running node,
 * writes 4 KiB, then ROUNDS times drops the TCP connection and measures from the new connection's
 * start (TCP connect, NEGOTIATE, NTLM logon, TREE_CONNECT, DHnC, retried while the server has not
 * yet seen the drop) to the first successful 4 KiB READ on the reclaimed handle. Prints every
 * round and the median. Usage: {@code DurableReconnectBench host port user password share file rounds}.
 */
final class DurableReconnectBench {
    private DurableReconnectBench() {
    }

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[6]);
        Smb2FileId id;
        RawSmbClient c = new RawSmbClient(host, port).logon(a[2], a[3], a[4]);
        id = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(c.create(new CreateRequest(0x09, 2, 0x001F01FF,
                0, 7, 5, CreateRequest.FILE_NON_DIRECTORY_FILE, a[5], List.of(new CreateContext("DHnQ", new byte[16]))))))).fileId();
        RawSmbClient.expectOk(c.send(true, c.request(Command.WRITE, new WriteRequest(0, id, 0, ByteBuffer.allocate(4096))::encodeBody)));
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            c.close();
            long t0 = System.nanoTime();
            c = new RawSmbClient(host, port).logon(a[2], a[3], a[4]);
            WireWriter w = new WireWriter(16);
            id.encode(w);
            CreateRequest reconnect = new CreateRequest(0, 2, 0, 0, 0, 1, 0, a[5], List.of(new CreateContext("DHnC", w.toByteArray())));
            byte[] reply = c.create(reconnect);
            while (RawSmbClient.status(reply).equals(NtStatus.OBJECT_NAME_NOT_FOUND)) {
                reply = c.create(reconnect);
            }
            id = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(reply))).fileId();
            RawSmbClient.expectOk(c.send(true, c.request(Command.READ, new ReadRequest(0, 0, 4096, 0, id, 0)::encodeBody)));
            ms[r] = (System.nanoTime() - t0) / 1e6;
            System.out.printf("round %d: reconnect to first read %.2f ms%n", r + 1, ms[r]);
        }
        c.close();
        Arrays.sort(ms);
        System.out.printf("median %.2f ms, min %.2f, max %.2f over %d rounds%n", ms[rounds / 2], ms[0], ms[rounds - 1], rounds);
    }
}
