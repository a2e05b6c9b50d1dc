package dev.haven.files.copy;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The resume-key table ([MS-SMB2] 3.3.1.10 Open.ResumeKey, 3.3.5.15.4): one key per open, issued
 * on first request and the same ever after, resolvable only while the open is open and only by
 * the owner it was issued to. A key is a serial plus a truncated HMAC-SHA256 under a per-node
 * secret over (serial, open id, owner), so it cannot be guessed or forged from another key, and a
 * key issued to one owner is useless to another. Thread-safe.
 */
public final class ResumeKeys {
    private static final String MAC = "HmacSHA256";
    private static final int TAG = ResumeKey.SIZE - 8;

    private final FileService files;
    private final SecretKeySpec secret;
    private final AtomicLong serials;
    private final ConcurrentHashMap<Long, Issued> bySerial = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OpenId, Issued> byOpen = new ConcurrentHashMap<>();
    private final AtomicLong sweepAt = new AtomicLong(1024);

    private record Issued(ResumeKey key, Open open) {
    }

    /**
     * A table over {@code files}' opens, keyed with {@code secret} (at least 32 bytes; the node's
     * secret) and numbering keys from {@code firstSerial} (random, so keys differ across restarts).
     */
    public ResumeKeys(FileService files, byte[] secret, long firstSerial) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a resume-key secret needs at least 32 bytes");
        }
        this.files = files;
        this.secret = new SecretKeySpec(secret.clone(), MAC);
        this.serials = new AtomicLong(firstSerial);
    }

    /** The open's resume key, issued to {@code owner} on the first call ([MS-SMB2] 3.3.5.15.4). */
    public ResumeKey keyOf(Open open, String owner) {
        if (!files.isOpen(open)) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        Issued issued = byOpen.computeIfAbsent(open.id(), id -> {
            long serial = serials.getAndIncrement();
            byte[] key = ByteBuffer.allocate(ResumeKey.SIZE).putLong(serial).put(tag(serial, id, owner)).array();
            return new Issued(ResumeKey.of(key), open);
        });
        bySerial.putIfAbsent(issued.key().serial(), issued);
        sweepIfDue();
        return issued.key();
    }

    /**
     * The open {@code key} names, for {@code owner}; STATUS_OBJECT_NAME_NOT_FOUND ([MS-SMB2]
     * 3.3.5.15.6) when it names nothing, was issued to someone else, or its open is closed.
     */
    public Open resolve(ResumeKey key, String owner) {
        Issued issued = bySerial.get(key.serial());
        byte[] presented = key.bytes();
        boolean valid = issued != null && java.security.MessageDigest.isEqual(
                Arrays.copyOfRange(presented, 8, ResumeKey.SIZE), tag(key.serial(), issued.open().id(), owner));
        if (!valid) {
            throw new FileServiceException(FileServiceError.NOT_FOUND, "no source for " + key);
        }
        if (!files.isOpen(issued.open())) {
            forget(issued.open());
            throw new FileServiceException(FileServiceError.NOT_FOUND, "the source of " + key + " is closed");
        }
        return issued.open();
    }

    /** Drops the open's key (its close); later keys of it are new. */
    public void forget(Open open) {
        Issued issued = byOpen.remove(open.id());
        if (issued != null) {
            bySerial.remove(issued.key().serial(), issued);
        }
    }

    /** Number of keys held (for tests and metrics). */
    public int size() {
        return byOpen.size();
    }

    /** Drops keys of closed opens once the table has doubled since the last sweep: amortised O(1). */
    private void sweepIfDue() {
        long due = sweepAt.get();
        if (byOpen.size() < due || !sweepAt.compareAndSet(due, Long.MAX_VALUE)) {
            return;
        }
        byOpen.values().stream().filter(i -> !files.isOpen(i.open())).forEach(i -> forget(i.open()));
        sweepAt.set(Math.max(1024, 2L * byOpen.size()));
    }

    private byte[] tag(long serial, OpenId open, String owner) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(secret);
            mac.update(ByteBuffer.allocate(24).putLong(serial).putLong(open.value().getMostSignificantBits())
                    .putLong(open.value().getLeastSignificantBits()).array());
            mac.update(owner.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
