package dev.haven.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4178 4.2.1 NegTokenInit (or [MS-SPNG] 2.2.1 NegTokenInit2) as the client sends it, inside
 * the GSS-API InitialContextToken framing of RFC 2743 3.1:
 * <pre>
 * [APPLICATION 0] { thisMech OID 1.3.6.1.5.5.2, [0] NegTokenInit }
 * NegTokenInit  ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1] OPTIONAL,
 *                              mechToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 * NegTokenInit2 ::= SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2], negHints [3] NegHints,
 *                              mechListMIC [4] }
 * </pre>
 * mechTypesEncoding keeps the MechTypeList exactly as received: the mechListMIC is computed over it.
 */
record NegTokenInit(List<byte[]> mechTypes, byte[] mechTypesEncoding, byte[] mechToken, byte[] mechListMic) {

    static NegTokenInit decode(byte[] token) throws MalformedTokenException {
        DerReader r = new DerReader(token);
        DerReader.Element negotiation;
        if (r.peekTag() == DerReader.APPLICATION_0) {
            DerReader app = r.read(DerReader.APPLICATION_0).reader();
            if (!Arrays.equals(app.read(DerReader.OID).content(), SpnegoOids.SPNEGO)) {
                throw new MalformedTokenException("InitialContextToken is not for SPNEGO");
            }
            negotiation = app.read(DerWriter.context(0));
            app.expectEnd();
        } else {
            negotiation = r.read(DerWriter.context(0));
        }
        r.expectEnd();
        DerReader outer = negotiation.reader();
        DerReader seq = outer.read(DerReader.SEQUENCE).reader();
        outer.expectEnd();
        return fields(seq);
    }

    private static NegTokenInit fields(DerReader seq) throws MalformedTokenException {
        DerReader wrapper = seq.read(DerWriter.context(0)).reader();
        DerReader.Element list = wrapper.read(DerReader.SEQUENCE);
        wrapper.expectEnd();
        List<byte[]> mechs = new ArrayList<>();
        DerReader lr = list.reader();
        while (lr.hasMore()) {
            mechs.add(lr.read(DerReader.OID).content());
        }
        if (mechs.isEmpty()) {
            throw new MalformedTokenException("empty MechTypeList");
        }
        seq.optional(DerWriter.context(1));
        byte[] mechToken = octets(seq.optional(DerWriter.context(2)));
        byte[] mic = null;
        DerReader.Element third = seq.optional(DerWriter.context(3));
        if (third != null && third.reader().peekTag() == DerReader.OCTET_STRING) {
            mic = octets(third);
        } else if (third != null) {
            third.reader().read(DerReader.SEQUENCE); // NegTokenInit2 negHints: ignored by an acceptor
        }
        DerReader.Element fourth = seq.optional(DerWriter.context(4));
        if (fourth != null) {
            mic = octets(fourth);
        }
        seq.expectEnd();
        return new NegTokenInit(mechs, list.encoding(), mechToken, mic);
    }

    /** The OCTET STRING inside an explicit [n] tag, or null when the field is absent. */
    static byte[] octets(DerReader.Element tagged) throws MalformedTokenException {
        if (tagged == null) {
            return null;
        }
        DerReader in = tagged.reader();
        byte[] value = in.read(DerReader.OCTET_STRING).content();
        in.expectEnd();
        return value;
    }

    /** [MS-SPNG] 3.2.5.2: the NegTokenInit2 a server puts in its NEGOTIATE response. */
    static byte[] hint() {
        byte[] mechTypes = DerWriter.tlv(DerWriter.context(0), DerWriter.tlv(DerReader.SEQUENCE,
                DerWriter.tlv(DerReader.OID, SpnegoOids.NTLMSSP)));
        // [MS-SPNG] 2.2.1: hintName carries this fixed text; clients ignore it.
        byte[] hintName = "not_defined_in_RFC4178@please_ignore".getBytes(StandardCharsets.US_ASCII);
        byte[] negHints = DerWriter.tlv(DerWriter.context(3), DerWriter.tlv(DerReader.SEQUENCE,
                DerWriter.tlv(DerWriter.context(0), DerWriter.tlv(DerReader.GENERAL_STRING, hintName))));
        byte[] init2 = DerWriter.tlv(DerWriter.context(0), DerWriter.tlv(DerReader.SEQUENCE, mechTypes, negHints));
        return DerWriter.tlv(DerReader.APPLICATION_0, DerWriter.tlv(DerReader.OID, SpnegoOids.SPNEGO), init2);
    }
}
