package dev.haven.smb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real peer: Samba's gensec client (the SPNEGO/NTLMSSP code smbclient uses, through Debian's
 * python3-samba) authenticates against {@link SpnegoAcceptor}, checks our mechListMIC, and must
 * end with the same session key. Skipped where python3-samba is not installed.
 */
class SambaGensecClientIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, byte[]> HASHES = Map.of("alice", UserDirectory.hashPassword("Secret-1"));
    private static final UserDirectory USERS = n -> Optional.ofNullable(HASHES.get(n.toLowerCase(Locale.ROOT)));
    private static final ServerIdentity ID = new ServerIdentity("HAVEN", "WORKGROUP", "haven.example.test", "example.test");

    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void needsPythonSamba() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        Process p = new ProcessBuilder(PYTHON, "-c", "import samba.gensec").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "python3-samba missing");
        script = dir.resolve("samba_gensec_client.py");
        try (InputStream in = SambaGensecClientIT.class.getResourceAsStream("samba_gensec_client.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    @Test
    void sambaSpnegoClientAuthenticatesAndAgreesOnTheSessionKey() throws Exception {
        try (Peer samba = new Peer("spnego", "alice", "Secret-1", "WORKGROUP")) {
            SpnegoAcceptor acceptor = acceptor();
            String[] first = samba.update(SpnegoAcceptor.negotiateHint());
            AuthResult.Continue challenge = assertInstanceOf(AuthResult.Continue.class, acceptor.accept(HEX.parseHex(first[1])));
            String[] auth = samba.update(challenge.responseToken());
            AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, acceptor.accept(HEX.parseHex(auth[1])));
            assertTrue(NegTokenResp.decode(ok.responseToken()).mechListMic() != null, "server sends mechListMIC");
            String[] last = samba.update(ok.responseToken());
            assertEquals("1", last[0], "Samba accepts our accept-completed and mechListMIC");
            assertArrayEquals(ok.sessionKey(), HEX.parseHex(samba.line().split(" ")[1]));
            assertEquals("alice", ok.user());
        }
    }

    @Test
    void sambaRawNtlmsspClientAuthenticates() throws Exception {
        try (Peer samba = new Peer("ntlmssp", "ALICE", "Secret-1", "ANYDOMAIN")) {
            SpnegoAcceptor acceptor = acceptor();
            String[] negotiate = samba.update(new byte[0]);
            AuthResult.Continue challenge = assertInstanceOf(AuthResult.Continue.class,
                    acceptor.accept(HEX.parseHex(negotiate[1])));
            String[] auth = samba.update(challenge.responseToken());
            AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, acceptor.accept(HEX.parseHex(auth[1])));
            assertEquals("1", auth[0]);
            assertArrayEquals(ok.sessionKey(), HEX.parseHex(samba.line().split(" ")[1]));
        }
    }

    @Test
    void sambaClientWithWrongPasswordIsRefused() throws Exception {
        try (Peer samba = new Peer("spnego", "alice", "wrong", "WORKGROUP")) {
            SpnegoAcceptor acceptor = acceptor();
            String[] first = samba.update(SpnegoAcceptor.negotiateHint());
            AuthResult.Continue challenge = (AuthResult.Continue) acceptor.accept(HEX.parseHex(first[1]));
            String[] auth = samba.update(challenge.responseToken());
            AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, acceptor.accept(HEX.parseHex(auth[1])));
            assertEquals(AuthResult.Reason.LOGON_FAILURE, f.reason());
        }
    }

    private static SpnegoAcceptor acceptor() {
        return new SpnegoAcceptor(USERS, ID, Clock.systemUTC(), new SecureRandom());
    }

    /** One python3-samba client process, spoken to one hex line at a time. */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Peer(String mech, String user, String password, String domain) throws IOException {
            process = new ProcessBuilder(PYTHON, script.toString(), mech, user, password, domain)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        /** Sends a server token; returns {finished, client token hex}. */
        String[] update(byte[] serverToken) throws Exception {
            in.write((serverToken.length == 0 ? "-" : HEX.formatHex(serverToken)) + "\n");
            in.flush();
            String line = line();
            assertTrue(!line.startsWith("ERROR"), "Samba refused: " + line);
            return line.split(" ");
        }

        String line() throws Exception {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(line != null, "Samba client exited early");
            return line;
        }

        /** Closes stdin (the script then ends) and reaps the process; kills it if it lingers. */
        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
