package dev.haven.fs;

/**
 * Attribute changes for {@link HavenFs#setAttributes}; a null field is left as it is. Size changes
 * go through {@link HavenFs#truncate}.
 */
public record SetAttributes(Integer mode, Integer uid, Integer gid, Integer dosAttributes, Long birthTime,
                            Long lastWriteTime, Long changeTime, Long lastAccessTime) {
    /** Changes nothing. */
    public static final SetAttributes NONE = new SetAttributes(null, null, null, null, null, null, null, null);

    /** This change plus a new POSIX mode. */
    public SetAttributes withMode(int m) {
        return new SetAttributes(m, uid, gid, dosAttributes, birthTime, lastWriteTime, changeTime, lastAccessTime);
    }

    /** This change plus new owners. */
    public SetAttributes withOwner(int u, int g) {
        return new SetAttributes(mode, u, g, dosAttributes, birthTime, lastWriteTime, changeTime, lastAccessTime);
    }

    /** This change plus new DOS attributes. */
    public SetAttributes withDosAttributes(int d) {
        return new SetAttributes(mode, uid, gid, d, birthTime, lastWriteTime, changeTime, lastAccessTime);
    }

    /** This change plus new times (100 ns ticks; null leaves one unchanged). */
    public SetAttributes withTimes(Long birth, Long write, Long change, Long access) {
        return new SetAttributes(mode, uid, gid, dosAttributes, birth, write, change, access);
    }

    Inode applyTo(Inode i, long now) {
        return new Inode(i.id(), i.generation(), i.type(), or(mode, i.mode()), or(uid, i.uid()), or(gid, i.gid()),
                i.linkCount(), i.size(), i.allocationSize(), or(birthTime, i.birthTime()),
                or(lastWriteTime, i.lastWriteTime()), or(changeTime, now), or(lastAccessTime, i.lastAccessTime()),
                or(dosAttributes, i.dosAttributes()), i.parent());
    }

    private static int or(Integer v, int dflt) {
        return v != null ? v : dflt;
    }

    private static long or(Long v, long dflt) {
        return v != null ? v : dflt;
    }
}
