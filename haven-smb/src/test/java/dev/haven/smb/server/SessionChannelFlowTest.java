package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.Dialect;
import dev.haven.smb.auth.LogonThrottle;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.testkit.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sessions beyond one connection and one authentication: re-authentication, PreviousSessionId,
 * expiry under a manual clock, multichannel binding and its refusals, and channels outliving
 * each other ([MS-SMB2] 3.3.5.5.2, 3.3.5.5.3, 3.3.5.2.9, 3.3.7.1).
 */
class SessionChannelFlowTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ServerContext server = server(null);

    private ServerContext server(Duration lifetime) {
        byte[] pass = UserDirectory.hashPassword("pass");
        byte[] other = UserDirectory.hashPassword("word");
        UserDirectory users = n -> n.equalsIgnoreCase("user") ? Optional.of(pass.clone())
                : n.equalsIgnoreCase("other") ? Optional.of(other.clone()) : Optional.empty();
        SmbServerConfig config = new SmbServerConfig(users, new ServerIdentity("HAVEN", "WORKGROUP", "h.test", "test"),
                List.of(new ShareConfig("data", false, false)), clock);
        return new ServerContext(config, new byte[16], new SecureRandom(), new LogonThrottle(clock),
                new SessionTable(lifetime));
    }

    private SessionTestClient client(ServerContext on, Dialect dialect) {
        return new SessionTestClient(on).negotiate(dialect);
    }

    private static NtStatus status(byte[] reply) throws Exception {
        return SessionTestClient.header(reply).status();
    }

    private SessionTestClient loggedIn(ServerContext on, Dialect dialect) throws Exception {
        SessionTestClient c = client(on, dialect);
        assertEquals(NtStatus.SUCCESS, c.login("user", "pass").status());
        return c;
    }

    @Test
    void reauthenticationKeepsTheSessionUsableAndItsKeys() throws Exception {
        SessionTestClient c = loggedIn(server, Dialect.SMB_3_0_2);
        int tree = SessionTestClient.header(c.treeConnect("data")).treeId();
        MessageSigner before = c.signer;
        // First leg of a re-authentication: the session stays usable meanwhile.
        NtlmTestClient ntlm = new NtlmTestClient("user", "WORKGROUP", "pass");
        byte[] leg1 = c.exchange(SessionTestClient.sign(c.build(Command.SESSION_SETUP, 0,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody), before));
        assertEquals(NtStatus.MORE_PROCESSING_REQUIRED, status(leg1));
        assertEquals(NtStatus.SUCCESS, status(c.treeConnect("data")));
        assertEquals(SessionState.VALID, c.connection.session(c.sessionId).state());
        byte[] challenge = dev.haven.smb.wire.SessionSetupResponse.decode(new dev.haven.smb.wire.WireReader(leg1))
                .securityBuffer();
        byte[] leg2 = c.exchange(SessionTestClient.sign(c.build(Command.SESSION_SETUP, 0,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody), before));
        assertEquals(NtStatus.SUCCESS, status(leg2));
        assertTrue(before.verify(leg2, 0, leg2.length), "reauth answer signed with the first keys");
        assertEquals(NtStatus.SUCCESS, status(c.treeDisconnect(tree)));
        assertTrue(before.verify(c.lastReply, 0, c.lastReply.length));
    }

    @Test
    void reauthenticationTakesTheNewIdentity() throws Exception {
        SessionTestClient c = loggedIn(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, c.authenticate("other", "word", c.sessionId, 0, 0).status());
        assertEquals("other", c.connection.session(c.sessionId).userName);
    }

    @Test
    void aFailedReauthenticationEndsTheSession() throws Exception {
        SessionTestClient c = loggedIn(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.LOGON_FAILURE, c.authenticate("user", "wrong", c.sessionId, 0, 0).status());
        assertEquals(NtStatus.USER_SESSION_DELETED, status(c.treeConnect("data")));
        assertEquals(0, server.sessions().size());
    }

    @Test
    void previousSessionIdEndsTheOldSessionOfTheSameUserOnly() throws Exception {
        SessionTestClient old = loggedIn(server, Dialect.SMB_3_0_2);
        SessionTestClient stranger = client(server, Dialect.SMB_3_0_2);
        stranger.login("other", "word");
        SessionTestClient fresh = client(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, fresh.authenticate("user", "pass", 0, 0, old.sessionId).status());
        assertEquals(NtStatus.USER_SESSION_DELETED, status(old.treeConnect("data")));
        SessionTestClient again = client(server, Dialect.SMB_3_0_2);
        again.authenticate("user", "pass", 0, 0, stranger.sessionId);
        assertEquals(NtStatus.SUCCESS, status(stranger.treeConnect("data")), "another user's session stays");
    }

    @Test
    void anExpiredSessionAnswersNetworkSessionExpiredUntilItReauthenticates() throws Exception {
        ServerContext expiring = server(Duration.ofMinutes(10));
        SessionTestClient c = loggedIn(expiring, Dialect.SMB_3_0_2);
        int tree = SessionTestClient.header(c.treeConnect("data")).treeId();
        clock.advance(Duration.ofMinutes(9));
        assertEquals(NtStatus.SUCCESS, status(c.treeConnect("data")));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(NtStatus.NETWORK_SESSION_EXPIRED, status(c.treeConnect("data")));
        assertEquals(NtStatus.NETWORK_SESSION_EXPIRED, status(c.treeDisconnect(tree)));
        assertEquals(SessionState.EXPIRED, c.connection.session(c.sessionId).state());
        assertEquals(NtStatus.SUCCESS, c.authenticate("user", "pass", c.sessionId, 0, 0).status());
        assertEquals(SessionState.VALID, c.connection.session(c.sessionId).state());
        assertEquals(NtStatus.SUCCESS, status(c.treeDisconnect(tree)));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(NtStatus.SUCCESS, status(c.logoff()), "an expired session may still log off");
    }

    @Test
    void aBoundChannelSignsWithItsOwnKeyAndSharesTheSessionTrees() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        int tree = SessionTestClient.header(first.treeConnect("data")).treeId();
        SessionTestClient second = client(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, second.bind(first, "user", "pass").status());
        assertTrue(second.signer.verify(second.lastReply, 0, second.lastReply.length), "signed with the channel key");
        assertFalse(first.signer.verify(second.lastReply, 0, second.lastReply.length));
        assertEquals(2, server.sessions().get(first.sessionId).channelCount());
        assertEquals(NtStatus.SUCCESS, status(second.treeDisconnect(tree)), "a tree of the session, through channel 2");
        assertEquals(NtStatus.NETWORK_NAME_DELETED, status(first.treeDisconnect(tree)));
        MessageSigner channelKey = second.signer;
        assertEquals(NtStatus.ACCESS_DENIED, second.bind(first, "user", "pass").status(),
                "a bound channel checks its own key");
        second.sessionSigner = channelKey;
        assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, second.authenticate("user", "pass", first.sessionId,
                SessionSetupRequest.FLAG_BINDING, 0).status(), "already bound");
    }

    @Test
    void aThreeOneOneChannelKeyComesFromItsOwnPreauthHash() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_1_1);
        SessionTestClient second = client(server, Dialect.SMB_3_1_1);
        assertEquals(NtStatus.SUCCESS, second.bind(first, "user", "pass").status());
        // The client derived the channel key from its own hash chain of this connection's
        // NEGOTIATE and binding exchange: the signature only matches if the server hashed the same.
        assertTrue(second.signer.verify(second.lastReply, 0, second.lastReply.length));
        assertEquals(NtStatus.SUCCESS, status(second.treeConnect("data")));
        assertEquals(NtStatus.SUCCESS, status(first.treeConnect("data")));
    }

    @Test
    void theSessionOutlivesAClosedChannelAndEndsWithTheLast() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        SessionTestClient second = client(server, Dialect.SMB_3_0_2);
        second.bind(first, "user", "pass");
        first.connection.closeAll();
        assertEquals(NtStatus.SUCCESS, status(second.treeConnect("data")));
        assertNull(first.connection.session(first.sessionId));
        second.connection.closeAll();
        assertEquals(0, server.sessions().size());
    }

    @Test
    void logoffOnOneChannelEndsTheSessionOnAll() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        SessionTestClient second = client(server, Dialect.SMB_3_0_2);
        second.bind(first, "user", "pass");
        assertEquals(NtStatus.SUCCESS, status(second.logoff()));
        assertEquals(NtStatus.USER_SESSION_DELETED, status(first.treeConnect("data")));
    }

    @Test
    void refusesBindingsThatCannotJoinTheSession() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.REQUEST_NOT_ACCEPTED, client(server, Dialect.SMB_2_1).bind(first, "user", "pass").status());
        assertEquals(NtStatus.INVALID_PARAMETER, client(server, Dialect.SMB_3_0).bind(first, "user", "pass").status(),
                "dialect differs");
        SessionTestClient unsigned = client(server, Dialect.SMB_3_0_2);
        unsigned.sessionSigner = null;
        assertEquals(NtStatus.INVALID_PARAMETER, unsigned.authenticate("user", "pass", first.sessionId,
                SessionSetupRequest.FLAG_BINDING, 0).status());
        SessionTestClient forged = client(server, Dialect.SMB_3_0_2);
        forged.sessionSigner = MessageSigner.of(dev.haven.smb.crypto.SigningAlgorithm.AES_CMAC, new byte[16]);
        assertEquals(NtStatus.ACCESS_DENIED, forged.authenticate("user", "pass", first.sessionId,
                SessionSetupRequest.FLAG_BINDING, 0).status());
        SessionTestClient nobody = client(server, Dialect.SMB_3_0_2);
        nobody.sessionSigner = first.sessionSigner;
        assertEquals(NtStatus.USER_SESSION_DELETED, nobody.authenticate("user", "pass", 0x1234,
                SessionSetupRequest.FLAG_BINDING, 0).status());
        assertEquals(1, server.sessions().get(first.sessionId).channelCount());
    }

    @Test
    void aBindingAsAnotherUserOrWithAWrongPasswordLeavesTheSessionAlone() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        assertEquals(NtStatus.ACCESS_DENIED, client(server, Dialect.SMB_3_0_2).bind(first, "other", "word").status());
        assertEquals(NtStatus.LOGON_FAILURE, client(server, Dialect.SMB_3_0_2).bind(first, "user", "nope").status());
        assertEquals(NtStatus.SUCCESS, status(first.treeConnect("data")));
        assertEquals(1, server.sessions().get(first.sessionId).channelCount());
    }

    @Test
    void aRequestOnAConnectionWithoutAChannelFindsNoSession() throws Exception {
        SessionTestClient first = loggedIn(server, Dialect.SMB_3_0_2);
        SessionTestClient other = client(server, Dialect.SMB_3_0_2);
        other.sessionId = first.sessionId;
        other.signer = first.signer;
        Smb2Header h = SessionTestClient.header(other.treeConnect("data"));
        assertEquals(NtStatus.USER_SESSION_DELETED, h.status());
        assertNotNull(server.sessions().get(first.sessionId));
    }

    @Test
    void advertisesMultiChannelForThreeXOnly() {
        assertEquals(NegotiateRequest.CAP_MULTI_CHANNEL,
                NegotiateHandler.capabilities(Dialect.SMB_3_0_2, false, false) & NegotiateRequest.CAP_MULTI_CHANNEL);
        assertEquals(0, NegotiateHandler.capabilities(Dialect.SMB_2_1, false, true) & NegotiateRequest.CAP_MULTI_CHANNEL);
    }

    @Test
    void sessionStateTransitionsAreChecked() {
        assertEquals(SessionState.EXPIRED, SessionState.VALID.to(SessionState.EXPIRED));
        assertEquals(SessionState.VALID, SessionState.EXPIRED.to(SessionState.VALID));
        assertThrows(IllegalStateException.class, () -> SessionState.IN_PROGRESS.to(SessionState.EXPIRED));
        assertThrows(IllegalStateException.class, () -> SessionState.CLOSED.to(SessionState.VALID));
        assertThrows(IllegalStateException.class, () -> SessionState.VALID.to(SessionState.IN_PROGRESS));
    }
}
