package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end with a third-party Java client, smbj: a node started in-process, NTLM, each SMB
 * dialect smbj speaks from 2.1 up, with and without encryption, and a file tree round trip.
 */
class SmbjIT {
    private static final int FILE_BYTES = 5 * 1024 * 1024 + 12345;
    @TempDir
    static Path dataDir;
    private static Node node;
    private static int port;

    @BeforeAll
    static void startNode() throws Exception {
        node = Node.start(TestNodes.options(dataDir, new ByteArrayOutputStream()));
        port = node.virtualServers().get(0).smbAddress().getPort();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static SMBClient client(SMB2Dialect dialect, boolean encrypt) {
        return new SMBClient(SmbConfig.builder().withDialects(dialect).withEncryptData(encrypt).withSigningRequired(!encrypt)
                .withTimeout(60, TimeUnit.SECONDS).build());
    }

    private static AuthenticationContext login(String password) {
        return new AuthenticationContext("haven", password.toCharArray(), "WORKGROUP");
    }

    @ParameterizedTest(name = "{0} encrypt={1}")
    @CsvSource({"SMB_2_1, false", "SMB_3_0, false", "SMB_3_0, true", "SMB_3_1_1, false", "SMB_3_1_1, true"})
    void writesReadsListsRenamesAndDeletes(SMB2Dialect dialect, boolean encrypt) throws Exception {
        long seed = System.nanoTime();
        byte[] data = new byte[FILE_BYTES];
        new Random(seed).nextBytes(data);
        String dir = "smbj-" + dialect + "-" + encrypt;
        try (SMBClient client = client(dialect, encrypt); Connection c = client.connect("127.0.0.1", port)) {
            assertEquals(dialect, c.getNegotiatedProtocol().getDialect());
            Session session = c.authenticate(login(TestNodes.PASSWORD));
            try (DiskShare share = (DiskShare) session.connectShare("data")) {
                share.mkdir(dir);
                try (File f = open(share, dir + "\\big.bin", SMB2CreateDisposition.FILE_CREATE);
                        OutputStream out = f.getOutputStream()) {
                    out.write(data);
                }
                byte[] back;
                try (File f = open(share, dir + "\\big.bin", SMB2CreateDisposition.FILE_OPEN);
                        InputStream in = f.getInputStream()) {
                    back = in.readAllBytes();
                }
                assertArrayEquals(data, back, "seed " + seed);
                assertEquals(List.of("big.bin"), names(share, dir));
                try (File f = open(share, dir + "\\big.bin", SMB2CreateDisposition.FILE_OPEN)) {
                    f.rename(dir + "\\renamed.bin");
                }
                assertEquals(List.of("renamed.bin"), names(share, dir));
                assertEquals(FILE_BYTES, share.getFileInformation(dir + "\\renamed.bin").getStandardInformation()
                        .getEndOfFile());
                share.rm(dir + "\\renamed.bin");
                assertEquals(List.of(), names(share, dir));
                share.rmdir(dir, false);
                assertFalse(share.folderExists(dir));
            }
        }
    }

    private static File open(DiskShare share, String path, SMB2CreateDisposition disposition) {
        return share.openFile(path, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.DELETE),
                null, SMB2ShareAccess.ALL, disposition, null);
    }

    private static List<String> names(DiskShare share, String dir) {
        return share.list(dir).stream().map(FileIdBothDirectoryInformation::getFileName)
                .filter(n -> !n.equals(".") && !n.equals("..")).sorted().toList();
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        try (SMBClient client = client(SMB2Dialect.SMB_3_1_1, false); Connection c = client.connect("127.0.0.1", port)) {
            SMBApiException e = assertThrows(SMBApiException.class, () -> c.authenticate(login("wrong")));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, e.getStatus());
            assertTrue(c.isConnected());
        }
    }
}
