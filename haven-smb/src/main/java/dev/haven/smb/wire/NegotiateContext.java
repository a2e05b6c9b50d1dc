package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.3.1: one negotiate context: ContextType (2), DataLength (2), Reserved (4), Data.
 * Contexts are 8-byte aligned relative to the header. Types Haven does not act on are kept as
 * {@link Unknown} and otherwise ignored, as 3.3.5.4 asks.
 */
public sealed interface NegotiateContext {
    /** ContextType of {@link PreauthIntegrityCapabilities}. */
    int PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;
    /** ContextType of {@link EncryptionCapabilities}. */
    int ENCRYPTION_CAPABILITIES = 0x0002;
    /** ContextType of {@link SigningCapabilities}. */
    int SIGNING_CAPABILITIES = 0x0008;
    /** HashAlgorithms value for SHA-512, the only one defined (2.2.3.1.1). */
    int SHA_512 = 0x0001;

    /** The ContextType field. */
    int contextType();

    /** Writes the Data field. */
    void encodeData(WireWriter w);

    /** [MS-SMB2] 2.2.3.1.1: hash algorithms and salt. */
    record PreauthIntegrityCapabilities(List<Integer> hashAlgorithms, byte[] salt) implements NegotiateContext {
        /** Copies the lists. */
        public PreauthIntegrityCapabilities {
            hashAlgorithms = List.copyOf(hashAlgorithms);
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public int contextType() {
            return PREAUTH_INTEGRITY_CAPABILITIES;
        }

        @Override
        public void encodeData(WireWriter w) {
            w.u16(hashAlgorithms.size()).u16(salt.length);
            hashAlgorithms.forEach(w::u16);
            w.bytes(salt);
        }

        static PreauthIntegrityCapabilities decode(WireReader r) throws MalformedMessageException {
            int count = r.u16();
            int saltLength = r.u16();
            if (count == 0) {
                throw MalformedMessageException.body("PREAUTH_INTEGRITY_CAPABILITIES without algorithms");
            }
            return new PreauthIntegrityCapabilities(readShorts(r, count), r.bytes(saltLength));
        }
    }

    /** [MS-SMB2] 2.2.3.1.2: ciphers in order of preference (codes 0x0001..0x0004). */
    record EncryptionCapabilities(List<Integer> ciphers) implements NegotiateContext {
        /** Copies the list. */
        public EncryptionCapabilities {
            ciphers = List.copyOf(ciphers);
        }

        @Override
        public int contextType() {
            return ENCRYPTION_CAPABILITIES;
        }

        @Override
        public void encodeData(WireWriter w) {
            w.u16(ciphers.size());
            ciphers.forEach(w::u16);
        }

        static EncryptionCapabilities decode(WireReader r) throws MalformedMessageException {
            int count = r.u16();
            if (count == 0) {
                throw MalformedMessageException.body("ENCRYPTION_CAPABILITIES without ciphers");
            }
            return new EncryptionCapabilities(readShorts(r, count));
        }
    }

    /** [MS-SMB2] 2.2.3.1.7: signing algorithms in order of preference. */
    record SigningCapabilities(List<Integer> signingAlgorithms) implements NegotiateContext {
        /** Copies the list. */
        public SigningCapabilities {
            signingAlgorithms = List.copyOf(signingAlgorithms);
        }

        @Override
        public int contextType() {
            return SIGNING_CAPABILITIES;
        }

        @Override
        public void encodeData(WireWriter w) {
            w.u16(signingAlgorithms.size());
            signingAlgorithms.forEach(w::u16);
        }

        static SigningCapabilities decode(WireReader r) throws MalformedMessageException {
            int count = r.u16();
            if (count == 0) {
                throw MalformedMessageException.body("SIGNING_CAPABILITIES without algorithms");
            }
            return new SigningCapabilities(readShorts(r, count));
        }
    }

    /** A context Haven does not interpret (compression, netname, transport, RDMA, ...). */
    record Unknown(int contextType, byte[] data) implements NegotiateContext {
        /** Copies the data. */
        public Unknown {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public void encodeData(WireWriter w) {
            w.bytes(data);
        }
    }

    private static List<Integer> readShorts(WireReader r, int count) throws MalformedMessageException {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(r.u16());
        }
        return out;
    }

    /** Decodes {@code count} contexts starting at {@code offset} from the header. */
    static List<NegotiateContext> decodeList(WireReader r, long offset, int count, int minOffset)
            throws MalformedMessageException {
        if (count == 0) {
            return List.of();
        }
        if (offset < minOffset || offset > r.length() || offset % 8 != 0) {
            throw MalformedMessageException.body("NegotiateContextOffset " + offset + " invalid");
        }
        List<NegotiateContext> out = new ArrayList<>(count);
        int at = (int) offset;
        for (int i = 0; i < count; i++) {
            r.position(at);
            int type = r.u16();
            int dataLength = r.u16();
            r.skip(4);
            WireReader data = new WireReader(r.bytes(dataLength));
            out.add(switch (type) {
                case PREAUTH_INTEGRITY_CAPABILITIES -> PreauthIntegrityCapabilities.decode(data);
                case ENCRYPTION_CAPABILITIES -> EncryptionCapabilities.decode(data);
                case SIGNING_CAPABILITIES -> SigningCapabilities.decode(data);
                default -> new Unknown(type, data.bytes(dataLength));
            });
            at = r.position();
            if (i + 1 < count) {
                at = (at + 7) & ~7;
            }
        }
        return out;
    }

    /** Writes the contexts, each 8-byte aligned relative to the header. */
    static void encodeList(WireWriter w, List<NegotiateContext> contexts) {
        for (NegotiateContext c : contexts) {
            w.align(8);
            WireWriter data = new WireWriter();
            c.encodeData(data);
            byte[] bytes = data.toByteArray();
            w.u16(c.contextType()).u16(bytes.length).u32(0).bytes(bytes);
        }
    }
}
