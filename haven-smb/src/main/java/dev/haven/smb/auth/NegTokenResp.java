package dev.haven.smb.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4178 4.2.2 NegTokenResp:
 * <pre>
 * [1] SEQUENCE { negState [0] ENUMERATED OPTIONAL, supportedMech [1] MechType OPTIONAL,
 *                responseToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 * </pre>
 * Absent fields are null (negState -1).
 */
record NegTokenResp(int negState, byte[] supportedMech, byte[] responseToken, byte[] mechListMic) {
    static final int ACCEPT_COMPLETED = 0;
    static final int ACCEPT_INCOMPLETE = 1;
    static final int REJECT = 2;
    static final int REQUEST_MIC = 3;

    static NegTokenResp decode(byte[] token) throws MalformedTokenException {
        DerReader r = new DerReader(token);
        DerReader outer = r.read(DerWriter.context(1)).reader();
        r.expectEnd();
        DerReader seq = outer.read(DerReader.SEQUENCE).reader();
        outer.expectEnd();
        int state = -1;
        DerReader.Element st = seq.optional(DerWriter.context(0));
        if (st != null) {
            DerReader in = st.reader();
            byte[] v = in.read(DerReader.ENUMERATED).content();
            in.expectEnd();
            if (v.length != 1 || v[0] < 0 || v[0] > REQUEST_MIC) {
                throw new MalformedTokenException("negState out of range");
            }
            state = v[0];
        }
        byte[] mech = null;
        DerReader.Element m = seq.optional(DerWriter.context(1));
        if (m != null) {
            DerReader in = m.reader();
            mech = in.read(DerReader.OID).content();
            in.expectEnd();
        }
        byte[] response = NegTokenInit.octets(seq.optional(DerWriter.context(2)));
        byte[] mic = NegTokenInit.octets(seq.optional(DerWriter.context(3)));
        seq.expectEnd();
        return new NegTokenResp(state, mech, response, mic);
    }

    byte[] encode() {
        List<byte[]> fields = new ArrayList<>();
        if (negState >= 0) {
            fields.add(DerWriter.tlv(DerWriter.context(0), DerWriter.tlv(DerReader.ENUMERATED, new byte[] {(byte) negState})));
        }
        if (supportedMech != null) {
            fields.add(DerWriter.tlv(DerWriter.context(1), DerWriter.tlv(DerReader.OID, supportedMech)));
        }
        if (responseToken != null) {
            fields.add(DerWriter.tlv(DerWriter.context(2), DerWriter.tlv(DerReader.OCTET_STRING, responseToken)));
        }
        if (mechListMic != null) {
            fields.add(DerWriter.tlv(DerWriter.context(3), DerWriter.tlv(DerReader.OCTET_STRING, mechListMic)));
        }
        return DerWriter.tlv(DerWriter.context(1), DerWriter.tlv(DerReader.SEQUENCE, fields.toArray(byte[][]::new)));
    }
}
