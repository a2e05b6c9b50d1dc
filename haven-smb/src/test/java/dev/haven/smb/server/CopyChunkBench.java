package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CopyChunkRequest;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.FsctlCode;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ResumeKeyResponse;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Benchmark driver, not a test: a server-side copy of {@code src} to {@code dst} on a running
 * node over TCP (SMB 2.0.2, signed), through FSCTL_SRV_REQUEST_RESUME_KEY and
 * FSCTL_SRV_COPYCHUNK_WRITE with 16 chunks of 1 MiB per request, as Windows' copy engine sends
 * them. Usage: {@code CopyChunkBench host port user password share src dst}.
 */
final class CopyChunkBench {
    private static final int CHUNK = 1 << 20;
    private final DataInputStream in;
    private final DataOutputStream out;
    private long messageId;
    private long sessionId;
    private int treeId;
    private MessageSigner signer;

    private CopyChunkBench(Socket s) throws Exception {
        in = new DataInputStream(s.getInputStream());
        out = new DataOutputStream(s.getOutputStream());
    }

    public static void main(String[] a) throws Exception {
        try (Socket s = new Socket(a[0], Integer.parseInt(a[1]))) {
            s.setTcpNoDelay(true);
            CopyChunkBench b = new CopyChunkBench(s);
            b.logon(a[2], a[3], a[4]);
            Smb2FileId src = b.open(a[5], 1, 0x00120089);
            long size = CreateResponse.decode(new WireReader(b.last)).endOfFile();
            Smb2FileId dst = b.open(a[6], 5, 0x0012019F);
            long t0 = System.nanoTime();
            long copied = b.copy(src, dst, size);
            double s2 = (System.nanoTime() - t0) / 1e9;
            System.out.printf("server-side copy: %d bytes in %.3f s = %.1f MiB/s%n", copied, s2, copied / s2 / (1 << 20));
        }
    }

    private byte[] last;

    private void logon(String user, String password, String share) throws Exception {
        send(false, TestServers.negotiate(messageId++, 0x0202));
        NtlmTestClient ntlm = new NtlmTestClient(user, "WORKGROUP", password);
        sessionId = Smb2Header.decode(new WireReader(send(false, request(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody)))).sessionId();
        byte[] challenge = SessionSetupResponse.decode(new WireReader(last)).securityBuffer();
        send(false, request(Command.SESSION_SETUP, new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody));
        signer = MessageSigner.of(SigningAlgorithm.HMAC_SHA256,
                SessionKeys.derive(Dialect.SMB_2_0_2, ntlm.sessionKey(), null, null).signingKey());
        treeId = Smb2Header.decode(new WireReader(send(true, request(Command.TREE_CONNECT,
                new TreeConnectRequest(0, "\\\\h\\" + share)::encodeBody)))).treeId();
    }

    private Smb2FileId open(String name, int disposition, int access) throws Exception {
        return CreateResponse.decode(new WireReader(send(true, request(Command.CREATE,
                new CreateRequest(0, 2, access, 0, 7, disposition, CreateRequest.FILE_NON_DIRECTORY_FILE, name,
                        List.of())::encodeBody)))).fileId();
    }

    private long copy(Smb2FileId src, Smb2FileId dst, long size) throws Exception {
        byte[] key = ResumeKeyResponse.decode(IoctlResponse.decode(new WireReader(
                send(true, ioctl(FsctlCode.SRV_REQUEST_RESUME_KEY, src, new byte[0], 32)))).output()).resumeKey();
        long done = 0;
        while (done < size) {
            List<CopyChunkRequest.Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < 16 && done + (long) i * CHUNK < size; i++) {
                long at = done + (long) i * CHUNK;
                chunks.add(new CopyChunkRequest.Chunk(at, at, Math.min(CHUNK, size - at)));
            }
            send(true, ioctl(FsctlCode.SRV_COPYCHUNK_WRITE, dst, new CopyChunkRequest(key, chunks).encode(), 12));
            done += chunks.stream().mapToLong(CopyChunkRequest.Chunk::length).sum();
        }
        return done;
    }

    private byte[] ioctl(FsctlCode code, Smb2FileId id, byte[] input, int maxOutput) {
        WireWriter fid = new WireWriter();
        id.encode(fid);
        return request(Command.IOCTL, new IoctlRequest(code.code(), fid.toByteArray(), input, 0, new byte[0],
                maxOutput, IoctlRequest.IS_FSCTL)::encodeBody);
    }

    private byte[] request(Command c, Consumer<WireWriter> body) {
        return TestServers.request(c, messageId++, 0, sessionId, treeId, body);
    }

    private byte[] send(boolean sign, byte[] message) throws Exception {
        if (sign) {
            message[16] |= (byte) HeaderFlags.SIGNED;
            signer.sign(message, 0, message.length);
        }
        out.writeInt(message.length);
        out.write(message);
        out.flush();
        byte[] reply = new byte[in.readInt()];
        in.readFully(reply);
        NtStatus status = Smb2Header.decode(new WireReader(reply)).status();
        if (!status.isSuccess() && !status.equals(NtStatus.MORE_PROCESSING_REQUIRED)) {
            throw new IllegalStateException("request failed: " + status);
        }
        last = reply;
        return reply;
    }
}
