package dev.haven.node;

import dev.haven.files.security.Sid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The node's machine (domain) SID, {@code S-1-5-21-X-Y-Z} with three random 32-bit values as
 * Windows generates for a stand-alone server ([MS-DTYP] 2.4.2.4): made once, kept in the file
 * {@code node-sid} of the data directory, never changed. A user's SID is this SID plus the user's
 * RID, kept with the user ({@link UserStore}). The file is published with a hard link, so two
 * processes starting at once agree on one SID and a reader never sees a half-written file.
 */
final class NodeSid {
    static final String FILE = "node-sid";
    private static final int NT_NON_UNIQUE = 21;

    private NodeSid() {
    }

    /** The SID kept in {@code file}, made now if there is none. */
    static Sid loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            SecureRandom random = new SecureRandom();
            Sid fresh = Sid.parse("S-1-5-" + NT_NON_UNIQUE + "-" + Integer.toUnsignedString(random.nextInt())
                    + "-" + Integer.toUnsignedString(random.nextInt()) + "-" + Integer.toUnsignedString(random.nextInt()));
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + FILE, ".tmp");
            try {
                Files.writeString(tmp, fresh + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lostRace) {
                // Another process made it first: use its SID.
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        try {
            return Sid.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a SID", e);
        }
    }
}
