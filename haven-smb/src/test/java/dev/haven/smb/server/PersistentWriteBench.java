package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import dev.haven.smb.wire.WriteRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Benchmark driver, not a test (issue 6: the cost of persistence on a continuously available
 * share): over SMB 3.0.2 (AES-CMAC signing), on each share named on the command line, opens a file
 * with a durable v2 context asking for persistence (granted only on a CA share), then times
 * {@code writes} 4 KiB WRITEs one after another (each answered before the next is sent) and
 * {@code creates} CREATE+CLOSE pairs of new files (also asking for persistence). Prints median and
 * 99th percentile per share. Usage: {@code PersistentWriteBench host port user password writes
 * creates share...}.
 */
final class PersistentWriteBench {
    private static final int PERSISTENT = 0x2;

    private PersistentWriteBench() {
    }

    public static void main(String[] a) throws Exception {
        int writes = Integer.parseInt(a[4]);
        int creates = Integer.parseInt(a[5]);
        for (int s = 6; s < a.length; s++) {
            String share = a[s];
            try (RawSmbClient c = new RawSmbClient(a[0], Integer.parseInt(a[1])).logon(Dialect.SMB_3_0_2,
                    guid(), a[2], a[3], share)) {
                CreateResponse opened = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(c.create(
                        create("bench-write.dat", 5)))));
                boolean persistent = opened.createContexts().stream().anyMatch(x -> x.name().equals("DH2Q")
                        && ByteBuffer.wrap(x.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4) == PERSISTENT);
                Smb2FileId id = opened.fileId();
                ByteBuffer block = ByteBuffer.allocate(4096);
                double[] w = new double[writes];
                for (int i = 0; i < writes; i++) {
                    long t0 = System.nanoTime();
                    RawSmbClient.expectOk(c.send(true, c.request(Command.WRITE,
                            new WriteRequest(4096L * i, id, 0, block.duplicate())::encodeBody)));
                    w[i] = (System.nanoTime() - t0) / 1e6;
                }
                RawSmbClient.expectOk(c.send(true, c.request(Command.CLOSE, new CloseRequest(0, id)::encodeBody)));
                double[] cc = new double[creates];
                for (int i = 0; i < creates; i++) {
                    long t0 = System.nanoTime();
                    Smb2FileId f = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(c.create(
                            create("bench-create-" + i + ".dat", 5))))).fileId();
                    RawSmbClient.expectOk(c.send(true, c.request(Command.CLOSE, new CloseRequest(0, f)::encodeBody)));
                    cc[i] = (System.nanoTime() - t0) / 1e6;
                }
                System.out.printf("share %s (persistent granted: %s): 4 KiB WRITE median %.3f ms p99 %.3f ms over %d;"
                        + " CREATE+CLOSE median %.3f ms p99 %.3f ms over %d%n", share, persistent, median(w), p99(w),
                        writes, median(cc), p99(cc), creates);
            }
        }
    }

    /** A CREATE of {@code name} (disposition {@code disposition}) asking for a persistent durable v2 handle. */
    private static CreateRequest create(String name, int disposition) {
        UUID g = UUID.randomUUID();
        WireWriter dh2q = new WireWriter(32).u32(60_000).u32(PERSISTENT).u64(0).u64(g.getMostSignificantBits())
                .u64(g.getLeastSignificantBits());
        return new CreateRequest(0, 2, 0x001F01FF, 0, 7, disposition, CreateRequest.FILE_NON_DIRECTORY_FILE, name,
                List.of(new CreateContext("DH2Q", dh2q.toByteArray())));
    }

    private static byte[] guid() {
        UUID u = UUID.randomUUID();
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double p99(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)];
    }
}
