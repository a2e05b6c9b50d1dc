package dev.haven.smb.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** [MS-NLMP] 2.2.2.1 AV_PAIR lists: the server's target info, and the client's copy in its NTLMv2 blob. */
final class AvPairs {
    static final int MSV_AV_EOL = 0;
    static final int MSV_AV_NB_COMPUTER_NAME = 1;
    static final int MSV_AV_NB_DOMAIN_NAME = 2;
    static final int MSV_AV_DNS_COMPUTER_NAME = 3;
    static final int MSV_AV_DNS_DOMAIN_NAME = 4;
    static final int MSV_AV_FLAGS = 6;
    static final int MSV_AV_TIMESTAMP = 7;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    static final int FLAG_MIC_PRESENT = 0x2;

    private AvPairs() {
    }

    /**
     * The CHALLENGE target info: NetBIOS domain and computer, DNS domain and computer, and the
     * server's time as a FILETIME (MsvAvTimestamp, whose presence makes clients send a MIC, 3.1.5.1.2).
     */
    static byte[] targetInfo(ServerIdentity id, long fileTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, MSV_AV_NB_DOMAIN_NAME, utf16(id.netbiosDomain()));
        put(out, MSV_AV_NB_COMPUTER_NAME, utf16(id.netbiosName()));
        put(out, MSV_AV_DNS_DOMAIN_NAME, utf16(id.dnsDomain()));
        put(out, MSV_AV_DNS_COMPUTER_NAME, utf16(id.dnsName()));
        byte[] ts = new byte[8];
        for (int i = 0; i < 8; i++) {
            ts[i] = (byte) (fileTime >>> (8 * i));
        }
        put(out, MSV_AV_TIMESTAMP, ts);
        put(out, MSV_AV_EOL, new byte[0]);
        return out.toByteArray();
    }

    /** Parses pairs from {@code at} up to MsvAvEOL; a list that runs off the end or lacks EOL is malformed. */
    static Map<Integer, byte[]> parse(byte[] buf, int at) throws MalformedTokenException {
        LeReader r = new LeReader(buf);
        Map<Integer, byte[]> pairs = new HashMap<>();
        int pos = at;
        while (true) {
            int id = r.u16(pos);
            int len = r.u16(pos + 2);
            byte[] value = r.bytes(pos + 4, len);
            if (id == MSV_AV_EOL) {
                return pairs;
            }
            pairs.putIfAbsent(id, value);
            pos += 4 + len;
        }
    }

    /** The MsvAvFlags value of a parsed list, 0 when absent. */
    static int flags(Map<Integer, byte[]> pairs) throws MalformedTokenException {
        byte[] v = pairs.get(MSV_AV_FLAGS);
        return v == null ? 0 : new LeReader(v).u32(0);
    }

    private static void put(ByteArrayOutputStream out, int id, byte[] value) {
        out.write(id);
        out.write(id >>> 8);
        out.write(value.length);
        out.write(value.length >>> 8);
        out.writeBytes(value);
    }

    static byte[] utf16(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_16LE);
    }
}
