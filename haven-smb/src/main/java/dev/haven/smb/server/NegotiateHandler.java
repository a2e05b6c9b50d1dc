package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.auth.SpnegoAcceptor;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.NegotiateContext;
import dev.haven.smb.wire.NegotiateContext.EncryptionCapabilities;
import dev.haven.smb.wire.NegotiateContext.PreauthIntegrityCapabilities;
import dev.haven.smb.wire.NegotiateContext.SigningCapabilities;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NegotiateResponse;
import dev.haven.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;

/** [MS-SMB2] 3.3.5.3 and 3.3.5.4: SMB1 and SMB2 NEGOTIATE. */
final class NegotiateHandler {
    private static final System.Logger LOG = System.getLogger(NegotiateHandler.class.getName());
    /** MaxTransactSize/MaxReadSize/MaxWriteSize for dialects with LARGE_MTU. */
    static final int MAX_IO_SIZE = 8 * 1024 * 1024;
    /** The 2.0.2 limit ([MS-SMB2] 3.3.5.4: 65536 without multi-credit). */
    static final int SMALL_IO_SIZE = 65536;
    private static final long FILETIME_EPOCH_OFFSET_100NS = 116_444_736_000_000_000L;

    Reply handle(RequestContext ctx, NegotiateRequest req) throws SmbStatusException, ProtocolViolationException {
        Connection c = ctx.connection;
        if (c.negotiated()) {
            // [MS-SMB2] 3.3.5.4: a second NEGOTIATE on a negotiated connection is a violation.
            throw new ProtocolViolationException("second NEGOTIATE");
        }
        Dialect dialect = choose(req.dialects());
        if (dialect == null) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "no common dialect in " + req.dialects());
        }
        List<NegotiateContext> contexts = List.of();
        if (dialect == Dialect.SMB_3_1_1) {
            contexts = negotiateContexts(ctx, req);
        } else if (dialect == Dialect.SMB_3_0 || dialect == Dialect.SMB_3_0_2) {
            // [MS-SMB2] 3.3.5.4: 3.0 and 3.0.2 encrypt with AES-128-CCM when both sides can.
            boolean clientEncrypts = (req.capabilities() & NegotiateRequest.CAP_ENCRYPTION) != 0;
            c.cipher = clientEncrypts ? EncryptionCipher.AES_128_CCM : null;
            c.signingAlgorithm = SigningAlgorithm.AES_CMAC;
        } else {
            c.signingAlgorithm = SigningAlgorithm.HMAC_SHA256;
        }
        c.dialect = dialect;
        c.phase = Connection.Phase.NEGOTIATED;
        c.clientGuid = req.clientGuid();
        c.clientCapabilities = req.capabilities();
        c.clientSecurityMode = req.securityMode();
        c.clientDialects = req.dialects();
        c.serverCapabilities = capabilities(dialect, c.cipher != null,
                ctx.server().fileService().persistent().available());
        c.serverSecurityMode = securityMode(ctx.server());
        LOG.log(System.Logger.Level.DEBUG, "{0}: dialect {1}, cipher {2}, signing {3}, client contexts {4}",
                c.clientAddress, dialect, c.cipher, c.signingAlgorithm, req.negotiateContexts());
        return Reply.ok(response(ctx.server(), dialect.code(), c.serverCapabilities, contexts));
    }

    /** The highest dialect both sides speak ([MS-SMB2] 3.3.5.4). */
    static Dialect choose(List<Integer> offered) {
        Dialect best = null;
        for (int code : offered) {
            Dialect d = Dialect.fromCode(code);
            if (d != null && (best == null || d.code() > best.code())) {
                best = d;
            }
        }
        return best;
    }

    private static List<NegotiateContext> negotiateContexts(RequestContext ctx, NegotiateRequest req)
            throws SmbStatusException {
        Connection c = ctx.connection;
        PreauthIntegrityCapabilities preauth = req.context(PreauthIntegrityCapabilities.class);
        // [MS-SMB2] 3.3.5.4: 3.1.1 needs exactly one PREAUTH_INTEGRITY context naming SHA-512.
        if (preauth == null || !preauth.hashAlgorithms().contains(NegotiateContext.SHA_512)) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "3.1.1 without SHA-512 preauth context");
        }
        byte[] salt = new byte[32];
        ctx.server().random().nextBytes(salt);
        List<NegotiateContext> out = new ArrayList<>();
        out.add(new PreauthIntegrityCapabilities(List.of(NegotiateContext.SHA_512), salt));
        EncryptionCapabilities enc = req.context(EncryptionCapabilities.class);
        if (enc != null) {
            c.cipher = firstKnownCipher(enc.ciphers());
            // 2.2.4.1.2: CipherCount 1 with cipher 0 says "no common cipher".
            out.add(new EncryptionCapabilities(List.of(c.cipher == null ? 0 : c.cipher.code())));
        }
        c.signingAlgorithm = SigningAlgorithm.AES_CMAC;
        SigningCapabilities sig = req.context(SigningCapabilities.class);
        if (sig != null) {
            c.signingAlgorithm = firstKnownSigning(sig.signingAlgorithms());
            out.add(new SigningCapabilities(List.of(c.signingAlgorithm.code())));
        }
        c.preauth = new PreauthIntegrity();
        c.preauth.update(ctx.message, 0, ctx.message.length);
        return out;
    }

    private static EncryptionCipher firstKnownCipher(List<Integer> codes) {
        for (int code : codes) {
            for (EncryptionCipher e : EncryptionCipher.values()) {
                if (e.code() == code) {
                    return e;
                }
            }
        }
        return null;
    }

    private static SigningAlgorithm firstKnownSigning(List<Integer> codes) {
        for (int code : codes) {
            for (SigningAlgorithm s : SigningAlgorithm.values()) {
                if (s.code() == code) {
                    return s;
                }
            }
        }
        // [MS-SMB2] 3.3.5.4: without a common algorithm the connection signs with AES-CMAC.
        return SigningAlgorithm.AES_CMAC;
    }

    static int capabilities(Dialect dialect, boolean encryption, boolean persistentHandles) {
        int caps = 0;
        if (dialect != Dialect.SMB_2_0_2) {
            // [MS-SMB2] 3.3.5.4: leases (3.3.5.9.8) from 2.1 on.
            caps |= NegotiateRequest.CAP_LARGE_MTU | NegotiateRequest.CAP_LEASING;
        }
        if (dialect.isSmb3()) {
            // [MS-SMB2] 3.3.5.4: IsMultiChannelCapable: sessions can be bound to several
            // connections (3.3.5.5.2).
            caps |= NegotiateRequest.CAP_MULTI_CHANNEL;
            if (persistentHandles) {
                // [MS-SMB2] 3.3.5.4: persistent handles on continuously available shares (3.3.5.9.10).
                caps |= NegotiateRequest.CAP_PERSISTENT_HANDLES;
            }
        }
        // [MS-SMB2] 3.3.5.4: the ENCRYPTION capability is only sent for 3.0 and 3.0.2.
        if (encryption && (dialect == Dialect.SMB_3_0 || dialect == Dialect.SMB_3_0_2)) {
            caps |= NegotiateRequest.CAP_ENCRYPTION;
        }
        return caps;
    }

    static int securityMode(ServerContext server) {
        return NegotiateRequest.SIGNING_ENABLED
                | (server.config().requireSigning() ? NegotiateRequest.SIGNING_REQUIRED : 0);
    }

    /** The response for a dialect code (0x02FF for the SMB1 wildcard answer). */
    static NegotiateResponse response(ServerContext server, int dialectCode, int capabilities,
            List<NegotiateContext> contexts) {
        int io = dialectCode == Dialect.SMB_2_0_2.code() ? SMALL_IO_SIZE : MAX_IO_SIZE;
        long now = server.clock().millis() * 10_000L + FILETIME_EPOCH_OFFSET_100NS;
        return new NegotiateResponse(securityMode(server), dialectCode, server.serverGuid(), capabilities, io, io, io,
                now, 0, SpnegoAcceptor.negotiateHint(), contexts);
    }
}
