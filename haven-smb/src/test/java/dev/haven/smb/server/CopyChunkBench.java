package dev.haven.smb.server;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CopyChunkRequest;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.FsctlCode;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.ResumeKeyResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark driver, not a test: a server-side copy of {@code src} to {@code dst} on a running
 * node over TCP (SMB 2.0.2, signed), through FSCTL_SRV_REQUEST_RESUME_KEY and
 * FSCTL_SRV_COPYCHUNK_WRITE with 16 chunks of 1 MiB per request, as Windows' copy engine sends
 * them. Usage: {@code CopyChunkBench host port user password share src dst}.
 */
final class CopyChunkBench {
    private static final int CHUNK = 1 << 20;

    private CopyChunkBench() {
    }

    public static void main(String[] a) throws Exception {
        try (RawSmbClient c = new RawSmbClient(a[0], Integer.parseInt(a[1])).logon(a[2], a[3], a[4])) {
            byte[] opened = RawSmbClient.expectOk(c.create(open(a[5], 1, 0x00120089)));
            Smb2FileId src = CreateResponse.decode(new WireReader(opened)).fileId();
            long size = CreateResponse.decode(new WireReader(opened)).endOfFile();
            Smb2FileId dst = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(c.create(open(a[6], 5, 0x0012019F)))))
                    .fileId();
            long t0 = System.nanoTime();
            long copied = copy(c, src, dst, size);
            double s2 = (System.nanoTime() - t0) / 1e9;
            System.out.printf("server-side copy: %d bytes in %.3f s = %.1f MiB/s%n", copied, s2, copied / s2 / (1 << 20));
        }
    }

    private static CreateRequest open(String name, int disposition, int access) {
        return new CreateRequest(0, 2, access, 0, 7, disposition, CreateRequest.FILE_NON_DIRECTORY_FILE, name, List.of());
    }

    private static long copy(RawSmbClient c, Smb2FileId src, Smb2FileId dst, long size) throws Exception {
        byte[] key = ResumeKeyResponse.decode(IoctlResponse.decode(new WireReader(RawSmbClient.expectOk(
                c.send(true, ioctl(c, FsctlCode.SRV_REQUEST_RESUME_KEY, src, new byte[0], 32))))).output()).resumeKey();
        long done = 0;
        while (done < size) {
            List<CopyChunkRequest.Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < 16 && done + (long) i * CHUNK < size; i++) {
                long at = done + (long) i * CHUNK;
                chunks.add(new CopyChunkRequest.Chunk(at, at, Math.min(CHUNK, size - at)));
            }
            RawSmbClient.expectOk(c.send(true, ioctl(c, FsctlCode.SRV_COPYCHUNK_WRITE, dst,
                    new CopyChunkRequest(key, chunks).encode(), 12)));
            done += chunks.stream().mapToLong(CopyChunkRequest.Chunk::length).sum();
        }
        return done;
    }

    private static byte[] ioctl(RawSmbClient c, FsctlCode code, Smb2FileId id, byte[] input, int maxOutput) {
        WireWriter fid = new WireWriter();
        id.encode(fid);
        return c.request(Command.IOCTL, new IoctlRequest(code.code(), fid.toByteArray(), input, 0, new byte[0],
                maxOutput, IoctlRequest.IS_FSCTL)::encodeBody);
    }
}
