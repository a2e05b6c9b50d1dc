package dev.haven.files.durable;

import dev.haven.block.BlockDevice;
import dev.haven.files.OpenId;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stable store of persistent opens ([MS-SMB2] 3.3.1.10 Open.IsPersistent: an open's state
 * survives the server process), on a {@link BlockDevice} (in production a file of the node's data
 * directory). Layout (docs/design/persistent-opens.md): the device is a row of <em>pairs</em> of
 * slots, {@link #SLOT_BLOCKS} blocks each; an open lives in one pair, and every change of it is
 * written whole, with a sequence number one higher than any before, into the copy of its pair
 * that does not hold its newest record, then flushed. A crash can only damage the copy being
 * written, so the other copy (the state before the change) survives: every change is atomic.
 * Closing an open writes a free-slot record the same way. Pairs are taken lowest first, so the
 * pairs ever written are a prefix of the device and recovery stops at the first pair never
 * written.
 *
 * <p>Every call returns only after the device has flushed; callers answer their client after
 * that. Thread-safe: one lock around each write and flush.
 */
public final class OpenStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OpenStore.class.getName());

    /** Blocks per slot: a record, locks included, must fit (16 KiB with 4 KiB blocks: about 900 locks). */
    public static final int SLOT_BLOCKS = 4;

    /** Where an open's newest record is. */
    private record Slot(long pair, int half) {}

    private final BlockDevice device;
    private final int slotBytes;
    private final long pairs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<OpenId, Slot> live = new HashMap<>();
    /** For every pair written so far, which half holds its newest record. */
    private final Map<Long, Integer> newestHalf = new HashMap<>();
    private final TreeSet<Long> freePairs = new TreeSet<>();
    private final List<PersistedOpen> recovered;
    private long written;
    private long sequence;
    private boolean closed;

    private OpenStore(BlockDevice device) {
        this.device = device;
        this.slotBytes = SLOT_BLOCKS * device.blockSize();
        this.pairs = device.blockCount() / (2L * SLOT_BLOCKS);
        this.recovered = new ArrayList<>();
    }

    /**
     * Opens the store on {@code device} and reads back every persistent open it holds. A damaged
     * copy is the one write a crash interrupted, and the pair's other copy stands; more than one
     * damaged copy means damage a crash cannot explain, logged as an error with its place.
     */
    public static OpenStore open(BlockDevice device) throws IOException {
        if (device.blockCount() < 2L * SLOT_BLOCKS) {
            throw new IllegalArgumentException("an open store needs at least " + 2 * SLOT_BLOCKS + " blocks");
        }
        OpenStore s = new OpenStore(device);
        s.recover();
        return s;
    }

    private void recover() throws IOException {
        Map<OpenId, Long> pairOf = new HashMap<>();
        List<String> damaged = new ArrayList<>();
        long p = 0;
        for (; p < pairs; p++) {
            PersistedOpenFormat.Copy a = read(p, 0);
            PersistedOpenFormat.Copy b = read(p, 1);
            if (a instanceof PersistedOpenFormat.Empty && b instanceof PersistedOpenFormat.Empty) {
                break;
            }
            for (int half = 0; half < 2; half++) {
                if ((half == 0 ? a : b) instanceof PersistedOpenFormat.Damaged d) {
                    damaged.add("pair " + p + " copy " + half + ": " + d.why());
                }
            }
            int newest = newer(a, b);
            newestHalf.put(p, newest < 0 ? 1 : newest);
            PersistedOpenFormat.Copy winner = newest < 0 ? null : newest == 0 ? a : b;
            for (PersistedOpenFormat.Copy c : new PersistedOpenFormat.Copy[] {a, b}) {
                if (c instanceof PersistedOpenFormat.Valid v) {
                    sequence = Math.max(sequence, v.sequence() + 1);
                }
            }
            if (winner instanceof PersistedOpenFormat.Valid v && v.open() != null) {
                Long earlier = pairOf.put(v.open().openId(), p);
                if (earlier != null) {
                    damaged.add("pair " + p + " repeats the open of pair " + earlier);
                }
                live.put(v.open().openId(), new Slot(p, newest));
                recovered.removeIf(o -> o.openId().equals(v.open().openId()));
                recovered.add(v.open());
            } else {
                freePairs.add(p);
            }
        }
        written = p;
        if (damaged.size() > 1) {
            LOG.log(Level.ERROR, "open store {0}: {1} damaged records, more than a crash leaves: {2}", device,
                    damaged.size(), damaged);
        } else if (!damaged.isEmpty()) {
            LOG.log(Level.INFO, "open store {0}: one record torn by a crash, its earlier copy stands ({1})", device,
                    damaged.get(0));
        }
    }

    /** 0 or 1: the half with the newest valid record; -1 if neither is valid. */
    private static int newer(PersistedOpenFormat.Copy a, PersistedOpenFormat.Copy b) {
        long sa = a instanceof PersistedOpenFormat.Valid v ? v.sequence() : -1;
        long sb = b instanceof PersistedOpenFormat.Valid v ? v.sequence() : -1;
        if (sa < 0 && sb < 0) {
            return -1;
        }
        return sa >= sb ? 0 : 1;
    }

    private PersistedOpenFormat.Copy read(long pair, int half) throws IOException {
        byte[] slot = new byte[slotBytes];
        device.read(firstBlock(pair, half), ByteBuffer.wrap(slot));
        return PersistedOpenFormat.decode(slot);
    }

    private long firstBlock(long pair, int half) {
        return (2 * pair + half) * SLOT_BLOCKS;
    }

    /** The opens the store held when it was opened, each at its newest state. */
    public List<PersistedOpen> recovered() {
        return List.copyOf(recovered);
    }

    /**
     * Writes {@code open}'s state (new, or a change of an open already stored) and flushes.
     *
     * @throws IOException when the device fails or the store is full; the stored state of the
     *     open is then what it was before the call
     */
    public void put(PersistedOpen open) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            Slot slot = live.get(open.openId());
            long pair;
            if (slot != null) {
                pair = slot.pair();
            } else if (!freePairs.isEmpty()) {
                pair = freePairs.first();
            } else if (written < pairs) {
                pair = written;
            } else {
                throw new IOException("open store " + device + " is full: " + pairs + " persistent opens");
            }
            int half = 1 - newestHalf.getOrDefault(pair, 1);
            write(pair, half, PersistedOpenFormat.encode(sequence, open));
            sequence++;
            freePairs.remove(pair);
            written = Math.max(written, pair + 1);
            newestHalf.put(pair, half);
            live.put(open.openId(), new Slot(pair, half));
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code id} (its open closed) and flushes; nothing happens if it is not stored. */
    public void remove(OpenId id) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            Slot slot = live.get(id);
            if (slot == null) {
                return;
            }
            int half = 1 - slot.half();
            write(slot.pair(), half, PersistedOpenFormat.encode(sequence, null));
            sequence++;
            live.remove(id);
            newestHalf.put(slot.pair(), half);
            freePairs.add(slot.pair());
        } finally {
            lock.unlock();
        }
    }

    private void write(long pair, int half, byte[] record) throws IOException {
        int bs = device.blockSize();
        int blocks = (record.length + bs - 1) / bs;
        if (blocks > SLOT_BLOCKS) {
            throw new IOException("a persistent open's record of " + record.length + " bytes exceeds its slot of "
                    + slotBytes + " bytes (too many byte-range locks)");
        }
        ByteBuffer buf = ByteBuffer.allocate(blocks * bs);
        buf.put(record).clear();
        device.write(firstBlock(pair, half), buf);
        device.flush();
    }

    /** Whether {@code id} is stored. */
    public boolean contains(OpenId id) {
        lock.lock();
        try {
            return live.containsKey(id);
        } finally {
            lock.unlock();
        }
    }

    /** How many opens are stored. */
    public int size() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("open store " + device + " is closed");
        }
    }

    /** Closes the device; what is stored stays for the next start. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                device.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "open store " + device;
    }
}
