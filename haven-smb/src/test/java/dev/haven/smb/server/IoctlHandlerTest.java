package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.ValidateNegotiateInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.3.5.15.12: FSCTL_VALIDATE_NEGOTIATE_INFO against what NEGOTIATE saw. */
class IoctlHandlerTest {
    private static final byte[] GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final List<Integer> DIALECTS = List.of(0x0202, 0x0210, 0x0300, 0x0302);

    private final Connection connection = TestServers.connection();
    private final IoctlHandler handler = new IoctlHandler();

    private void negotiate(List<Integer> dialects) {
        NegotiateRequest n = new NegotiateRequest(1, 0x44, GUID, dialects, List.of());
        new FrameProcessor().process(connection, TestServers.request(Command.NEGOTIATE, 0, 0, 0, 0, n::encodeBody));
    }

    private Reply validate(ValidateNegotiateInfo.Request v, int maxOutput) throws Exception {
        byte[] fileId = new byte[16];
        Arrays.fill(fileId, (byte) 0xFF);
        IoctlRequest req = new IoctlRequest(IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO, fileId, v.encode(), 0,
                new byte[0], maxOutput, IoctlRequest.IS_FSCTL);
        Smb2Header h = new Smb2Header(1, NtStatus.SUCCESS, Command.IOCTL, 1, 0, 0, 1, 0, 1, 1, null);
        return handler.handle(new RequestContext(connection, h, new byte[64], false), req);
    }

    @Test
    void confirmsTheNegotiatedParameters() throws Exception {
        negotiate(DIALECTS);
        Reply reply = validate(new ValidateNegotiateInfo.Request(0x44, GUID, 1, DIALECTS), 24);
        IoctlResponse r = (IoctlResponse) ((Reply.Respond) reply).body();
        byte[] expected = new ValidateNegotiateInfo.Response(connection.serverCapabilities,
                connection.server.serverGuid(), connection.serverSecurityMode, 0x0302).encode();
        assertArrayEquals(expected, r.output());
    }

    @Test
    void disconnectsOnAnyMismatch() {
        negotiate(DIALECTS);
        byte[] otherGuid = GUID.clone();
        otherGuid[0] = 9;
        List<ValidateNegotiateInfo.Request> tampered = List.of(
                new ValidateNegotiateInfo.Request(0x45, GUID, 1, DIALECTS),
                new ValidateNegotiateInfo.Request(0x44, otherGuid, 1, DIALECTS),
                new ValidateNegotiateInfo.Request(0x44, GUID, 3, DIALECTS),
                new ValidateNegotiateInfo.Request(0x44, GUID, 1, List.of(0x0202, 0x0210)));
        for (ValidateNegotiateInfo.Request v : tampered) {
            assertThrows(ProtocolViolationException.class, () -> validate(v, 24));
        }
    }

    @Test
    void disconnectsOnThreeOneOneAndRefusesASmallOutputBuffer() throws Exception {
        negotiate(DIALECTS);
        SmbStatusException small = assertThrows(SmbStatusException.class,
                () -> validate(new ValidateNegotiateInfo.Request(0x44, GUID, 1, DIALECTS), 23));
        assertEquals(NtStatus.INVALID_PARAMETER, small.status());
        Connection c311 = TestServers.connection();
        c311.dialect = dev.haven.smb.Dialect.SMB_3_1_1;
        c311.phase = Connection.Phase.NEGOTIATED;
        IoctlRequest req = new IoctlRequest(IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO, new byte[16], new byte[24], 0,
                new byte[0], 24, IoctlRequest.IS_FSCTL);
        Smb2Header h = new Smb2Header(1, NtStatus.SUCCESS, Command.IOCTL, 1, 0, 0, 1, 0, 1, 1, null);
        assertThrows(ProtocolViolationException.class,
                () -> handler.handle(new RequestContext(c311, h, new byte[64], false), req));
    }

    @Test
    void answersOtherFsctlsWithNotSupported() {
        IoctlRequest req = new IoctlRequest(0x00060194, new byte[16], new byte[0], 0, new byte[0], 1024,
                IoctlRequest.IS_FSCTL);
        Smb2Header h = new Smb2Header(1, NtStatus.SUCCESS, Command.IOCTL, 1, 0, 0, 1, 0, 1, 1, null);
        SmbStatusException e = assertThrows(SmbStatusException.class,
                () -> handler.handle(new RequestContext(connection, h, new byte[64], false), req));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
    }

    @Test
    void answersAFileFsctlOnAClosedHandleWithFileClosed() {
        // smbtorture smb2.compound.related5: FILE_CLOSED comes before NOT_SUPPORTED.
        IoctlRequest req = new IoctlRequest(0x00090078, new byte[16], new byte[0], 0, new byte[0], 1024,
                IoctlRequest.IS_FSCTL);
        Smb2Header h = new Smb2Header(1, NtStatus.SUCCESS, Command.IOCTL, 1, 0, 0, 1, 0, 1, 1, null);
        RequestContext ctx = new RequestContext(connection, h, new byte[64], false);
        ctx.session = new Session(1);
        SmbStatusException e = assertThrows(SmbStatusException.class, () -> handler.handle(ctx, req));
        assertEquals(NtStatus.FILE_CLOSED, e.status());
    }

    private Reply interfaces(byte fill, int maxOutput) throws Exception {
        byte[] fileId = new byte[16];
        Arrays.fill(fileId, fill);
        IoctlRequest req = new IoctlRequest(dev.haven.smb.wire.FsctlCode.QUERY_NETWORK_INTERFACE_INFO.code(), fileId,
                new byte[0], 0, new byte[0], maxOutput, IoctlRequest.IS_FSCTL);
        Smb2Header h = new Smb2Header(1, NtStatus.SUCCESS, Command.IOCTL, 1, 0, 0, 1, 0, 1, 1, null);
        return handler.handle(new RequestContext(connection, h, new byte[64], false), req);
    }

    @Test
    void listsNetworkInterfacesOnlyForTheAllOnesFileIdAndABigEnoughBuffer() throws Exception {
        IoctlResponse r = (IoctlResponse) ((Reply.Respond) interfaces((byte) 0xFF, 65536)).body();
        assertEquals(false, dev.haven.smb.wire.NetworkInterfaceInfo.decodeAll(r.output()).isEmpty());
        assertEquals(NtStatus.INVALID_PARAMETER,
                assertThrows(SmbStatusException.class, () -> interfaces((byte) 0x7F, 65536)).status());
        assertEquals(NtStatus.BUFFER_TOO_SMALL,
                assertThrows(SmbStatusException.class, () -> interfaces((byte) 0xFF, 1)).status());
        List<dev.haven.smb.wire.NetworkInterfaceInfo> loopback = NetworkInterfaceFsctl.interfaces("127.0.0.1");
        assertEquals(1, loopback.size());
        assertEquals(java.net.InetAddress.getByName("127.0.0.1"), loopback.get(0).address());
    }
}
