package dev.haven.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes and malformed input for the FSCTL payloads ([MS-SMB2] 2.2.31.x / 2.2.32.x, [MS-FSCC] 2.3.x). */
class FsctlCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void copyChunkRequestMatchesTheSpecLayout() throws Exception {
        byte[] key = new byte[24];
        for (int i = 0; i < 24; i++) {
            key[i] = (byte) i;
        }
        byte[] golden = hex("000102030405060708090a0b0c0d0e0f1011121314151617" + "02000000" + "00000000"
                + "0010000000000000" + "0020000000000000" + "00100000" + "00000000"
                + "ffffffffffffff7f" + "0100000000000000" + "ffffffff" + "00000000");
        CopyChunkRequest r = new CopyChunkRequest(key, List.of(new CopyChunkRequest.Chunk(4096, 8192, 4096),
                new CopyChunkRequest.Chunk(Long.MAX_VALUE, 1, 0xFFFFFFFFL)));
        assertArrayEquals(golden, r.encode());
        CopyChunkRequest back = CopyChunkRequest.decode(golden);
        assertArrayEquals(key, back.sourceKey());
        assertEquals(r.chunks(), back.chunks());
    }

    @Test
    void copyChunkRequestShorterThanItsChunkCountIsMalformed() {
        byte[] golden = new CopyChunkRequest(new byte[24], List.of(new CopyChunkRequest.Chunk(0, 0, 1))).encode();
        for (int cut = 0; cut < golden.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(golden, cut);
            assertThrows(MalformedMessageException.class, () -> CopyChunkRequest.decode(shorter));
        }
        byte[] huge = golden.clone();
        huge[24] = (byte) 0xFF;
        huge[27] = (byte) 0xFF;
        assertThrows(MalformedMessageException.class, () -> CopyChunkRequest.decode(huge));
    }

    @Test
    void copyChunkAndResumeKeyResponsesMatchTheSpecLayout() throws Exception {
        byte[] golden = hex("01000000 00000000 00100000");
        assertArrayEquals(golden, new CopyChunkResponse(1, 0, 4096).encode());
        assertEquals(new CopyChunkResponse(1, 0, 4096), CopyChunkResponse.decode(golden));
        assertThrows(MalformedMessageException.class, () -> CopyChunkResponse.decode(new byte[11]));
        byte[] key = new byte[24];
        key[0] = 9;
        byte[] resume = new ResumeKeyResponse(key).encode();
        assertEquals(32, resume.length);
        assertArrayEquals(hex("09" + "00".repeat(31)), resume);
        assertArrayEquals(key, ResumeKeyResponse.decode(resume).resumeKey());
        assertThrows(MalformedMessageException.class, () -> ResumeKeyResponse.decode(new byte[27]));
        assertThrows(IllegalArgumentException.class, () -> new ResumeKeyResponse(new byte[23]));
    }

    @Test
    void zeroDataAndAllocatedRangesAreSixteenByteRecords() throws Exception {
        byte[] zero = hex("0010000000000000 0820000000000000");
        assertEquals(new ZeroDataInformation(4096, 8200), ZeroDataInformation.decode(zero));
        assertArrayEquals(zero, new ZeroDataInformation(4096, 8200).encode());
        assertThrows(MalformedMessageException.class, () -> ZeroDataInformation.decode(new byte[15]));
        byte[] ranges = hex("0000000000000000 0004000000000000" + "0000100000000000 0004000000000000");
        List<AllocatedRange> list = List.of(new AllocatedRange(0, 1024), new AllocatedRange(1 << 20, 1024));
        assertArrayEquals(ranges, AllocatedRange.encodeAll(list));
        assertEquals(list, AllocatedRange.decodeAll(ranges));
        assertEquals(new AllocatedRange(0, 1024), AllocatedRange.decode(ranges)); // extra bytes ignored
        assertEquals(new AllocatedRange(512, -1), AllocatedRange.decode(hex("0002000000000000 ffffffffffffffff")));
        assertThrows(MalformedMessageException.class, () -> AllocatedRange.decode(new byte[0]));
        assertThrows(MalformedMessageException.class, () -> AllocatedRange.decodeAll(new byte[17]));
    }

    @Test
    void snapshotArrayCarriesThreeNamesOrOnlyItsSizesWhenTheyDoNotFit() throws Exception {
        List<String> names = List.of("@GMT-2026.11.20-10.00.00", "@GMT-2026.11.21-10.00.00", "@GMT-2026.11.22-10.00.00");
        SnapshotArray a = new SnapshotArray(names);
        int size = 3 * 2 * 25 + 2;
        assertEquals(size, a.arraySize());
        byte[] full = a.encode(12 + size);
        assertEquals(12 + size, full.length);
        assertArrayEquals(hex("03000000 03000000 98000000"), java.util.Arrays.copyOf(full, 12));
        assertArrayEquals(hex("400047004d"), java.util.Arrays.copyOfRange(full, 12, 17)); // "@GM", UTF-16LE
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(full, full.length - 4, full.length));
        assertEquals(names, SnapshotArray.decode(full).snapshots());
        byte[] sizesOnly = a.encode(12 + size - 1);
        assertArrayEquals(hex("03000000 00000000 98000000 00000000"), sizesOnly);
        assertArrayEquals(hex("03000000 00000000 98000000"), a.encode(12));
        assertEquals(List.of(), SnapshotArray.decode(sizesOnly).snapshots());
        assertArrayEquals(hex("00000000 00000000 02000000 0000"), new SnapshotArray(List.of()).encode(16));
        assertThrows(MalformedMessageException.class, () -> SnapshotArray.decode(hex("01000000 01000000 ff000000")));
    }

    @Test
    void networkInterfaceEntriesChainByNextAndCarryTheirAddress() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        List<NetworkInterfaceInfo> list = List.of(
                new NetworkInterfaceInfo(1, NetworkInterfaceInfo.RSS_CAPABLE, 10_000_000_000L, v4),
                new NetworkInterfaceInfo(2, 0, 1_000_000_000L, v6));
        byte[] out = NetworkInterfaceInfo.encodeAll(list);
        assertEquals(2 * NetworkInterfaceInfo.SIZE, out.length);
        assertArrayEquals(hex("98000000 01000000 01000000 00000000 00e40b5402000000 0200 0000 7f000001"),
                java.util.Arrays.copyOf(out, 32));
        assertArrayEquals(hex("00000000 02000000 00000000 00000000 00ca9a3b00000000 1700 0000 00000000"
                + "00000000000000000000000000000001"), java.util.Arrays.copyOfRange(out, 152, 152 + 48));
        assertEquals(list, NetworkInterfaceInfo.decodeAll(out));
        byte[] badNext = out.clone();
        badNext[0] = 8;
        assertThrows(MalformedMessageException.class, () -> NetworkInterfaceInfo.decodeAll(badNext));
        assertThrows(MalformedMessageException.class,
                () -> NetworkInterfaceInfo.decodeAll(java.util.Arrays.copyOf(out, 20)));
    }

    @Test
    void fsctlCodesKeepUnknownValuesAndNameKnownOnes() {
        assertEquals("FSCTL_SRV_COPYCHUNK", new FsctlCode(0x001440F2).name());
        assertEquals(FsctlCode.SET_ZERO_DATA, new FsctlCode(0x000980C8));
        assertEquals("FSCTL 0x12345678", new FsctlCode(0x12345678).toString());
    }
}
