package dev.haven.smb.auth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-NLMP] 2.2.1.2 CHALLENGE_MESSAGE, as the server builds it:
 * <pre>
 * offset size field
 *      0    8 Signature "NTLMSSP\0"
 *      8    4 MessageType = 2
 *     12    8 TargetNameFields (Len, MaxLen, Offset)
 *     20    4 NegotiateFlags
 *     24    8 ServerChallenge
 *     32    8 Reserved
 *     40    8 TargetInfoFields
 *     48    8 Version (2.2.2.10)
 *     56      Payload: TargetName (UTF-16LE), TargetInfo (AV pairs)
 * </pre>
 */
record ChallengeMessage(int negotiateFlags, byte[] serverChallenge, String targetName, byte[] targetInfo) {
    static final int TYPE = 2;
    private static final int PAYLOAD_OFFSET = 56;
    /**
     * 2.2.2.10 VERSION: informational only; Haven says 10.0 build 20348 (a Windows Server 2022
     * value, which clients treat as "modern") and NTLMSSP revision 15.
     */
    private static final byte[] VERSION = {10, 0, (byte) 0x7C, 0x4F, 0, 0, 0, 15};

    byte[] encode() {
        byte[] name = NegotiateFlags.has(negotiateFlags, NegotiateFlags.REQUEST_TARGET)
                ? AvPairs.utf16(targetName) : new byte[0];
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD_OFFSET + name.length + targetInfo.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(NtlmSignature.BYTES).putInt(TYPE);
        putField(b, name.length, PAYLOAD_OFFSET);
        b.putInt(negotiateFlags).put(serverChallenge).putLong(0);
        putField(b, targetInfo.length, PAYLOAD_OFFSET + name.length);
        b.put(VERSION).put(name).put(targetInfo);
        return b.array();
    }

    private static void putField(ByteBuffer b, int length, int offset) {
        b.putShort((short) length).putShort((short) length).putInt(offset);
    }
}
