package dev.haven.smb.wire;

import java.util.HexFormat;

/** Golden bytes written as spaced hex in tests. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
