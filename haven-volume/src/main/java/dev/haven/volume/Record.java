package dev.haven.volume;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry of the metadata log (docs/format/volume.md, "Records"). Every change to a volume's
 * metadata is one record; replaying the records in order rebuilds the state, and a checkpoint is
 * the current state written as records. Records are deterministic: {@link Delete} and
 * {@link Refresh} carry no block lists because replay recomputes them exactly as the live call did.
 */
sealed interface Record {

    /** The tag byte that starts the record on disk. */
    int tag();

    /** Writes the body (everything after tag and length). */
    void encodeBody(ByteBuffer out);

    /** Ids of snapshots are never reused: a checkpoint starts with the next free id. */
    record NextId(long nextId) implements Record {
        public int tag() { return 1; }
        public void encodeBody(ByteBuffer out) { out.putLong(nextId); }
    }

    /** A read-only snapshot was taken; its id orders it among all snapshots. */
    record Snap(long id, long createdMillis, String name) implements Record {
        public int tag() { return 2; }
        public void encodeBody(ByteBuffer out) { out.putLong(id).putLong(createdMillis); putName(out, name); }
    }

    /** A writable snapshot was made on read-only snapshot {@code baseId}. */
    record Writable(long id, long baseId, long createdMillis, String name) implements Record {
        public int tag() { return 3; }
        public void encodeBody(ByteBuffer out) {
            out.putLong(id).putLong(baseId).putLong(createdMillis);
            putName(out, name);
        }
    }

    /** Read-only snapshot {@code seq} saved the old content of {@code block} at save block {@code save} (-1: zeros). */
    record Map(long seq, long block, long save) implements Record {
        public int tag() { return 4; }
        public void encodeBody(ByteBuffer out) { out.putLong(seq).putLong(block).putLong(save); }
    }

    /** Writable snapshot {@code id} keeps its new data for {@code block} at save block {@code save}. */
    record WMap(long id, long block, long save) implements Record {
        public int tag() { return 5; }
        public void encodeBody(ByteBuffer out) { out.putLong(id).putLong(block).putLong(save); }
    }

    /** Snapshot {@code id} was deleted (its entries are re-keyed or freed as {@code VolumeState} says). */
    record Delete(long id) implements Record {
        public int tag() { return 6; }
        public void encodeBody(ByteBuffer out) { out.putLong(id); }
    }

    /** Writable snapshot {@code id} dropped its new data and was re-based on {@code baseId}. */
    record Refresh(long id, long baseId) implements Record {
        public int tag() { return 7; }
        public void encodeBody(ByteBuffer out) { out.putLong(id).putLong(baseId); }
    }

    /** Production blocks {@code [start, start+count)} were declared free when {@code epoch} was the newest id. */
    record Free(long start, long count, long epoch) implements Record {
        public int tag() { return 8; }
        public void encodeBody(ByteBuffer out) { out.putLong(start).putLong(count).putLong(epoch); }
    }

    /** Production block {@code block} was written again after being declared free. */
    record Unfree(long block) implements Record {
        public int tag() { return 9; }
        public void encodeBody(ByteBuffer out) { out.putLong(block); }
    }

    /** A restore of production from {@code sourceId} began, {@code preId} keeps the old image; blocks below cursor are done. */
    record RestoreStart(long sourceId, long preId, long cursor) implements Record {
        public int tag() { return 10; }
        public void encodeBody(ByteBuffer out) { out.putLong(sourceId).putLong(preId).putLong(cursor); }
    }

    /** Production block {@code block} was written by the user during the restore: it is done. */
    record RestoreMark(long block) implements Record {
        public int tag() { return 11; }
        public void encodeBody(ByteBuffer out) { out.putLong(block); }
    }

    /** The restore's background copy is durable below {@code cursor}. */
    record RestoreCursor(long cursor) implements Record {
        public int tag() { return 12; }
        public void encodeBody(ByteBuffer out) { out.putLong(cursor); }
    }

    /** The restore finished. */
    record RestoreDone() implements Record {
        public int tag() { return 13; }
        public void encodeBody(ByteBuffer out) { }
    }

    /** Encodes tag, body length (2 bytes) and body. */
    static byte[] encode(Record r) {
        ByteBuffer body = ByteBuffer.allocate(512);
        r.encodeBody(body);
        body.flip();
        ByteBuffer out = ByteBuffer.allocate(3 + body.remaining());
        out.put((byte) r.tag()).putShort((short) body.remaining()).put(body);
        return out.array();
    }

    /** Decodes one record whose tag and length were read; throws IllegalArgumentException on nonsense. */
    static Record decode(int tag, ByteBuffer in) {
        return switch (tag) {
            case 1 -> new NextId(in.getLong());
            case 2 -> new Snap(in.getLong(), in.getLong(), getName(in));
            case 3 -> new Writable(in.getLong(), in.getLong(), in.getLong(), getName(in));
            case 4 -> new Map(in.getLong(), in.getLong(), in.getLong());
            case 5 -> new WMap(in.getLong(), in.getLong(), in.getLong());
            case 6 -> new Delete(in.getLong());
            case 7 -> new Refresh(in.getLong(), in.getLong());
            case 8 -> new Free(in.getLong(), in.getLong(), in.getLong());
            case 9 -> new Unfree(in.getLong());
            case 10 -> new RestoreStart(in.getLong(), in.getLong(), in.getLong());
            case 11 -> new RestoreMark(in.getLong());
            case 12 -> new RestoreCursor(in.getLong());
            case 13 -> new RestoreDone();
            default -> throw new IllegalArgumentException("unknown record tag " + tag);
        };
    }

    private static void putName(ByteBuffer out, String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) b.length).put(b);
    }

    private static String getName(ByteBuffer in) {
        byte[] b = new byte[in.getShort() & 0xffff];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
