package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** A canonical text of everything a file system shows through its API, to compare states. */
final class FsDigest {
    private FsDigest() {
    }

    static String of(HavenFs fs) throws FsException {
        StringBuilder sb = new StringBuilder();
        walk(fs, HavenFs.ROOT, "", sb);
        return sb.toString();
    }

    private static void walk(HavenFs fs, long dir, String path, StringBuilder sb) throws FsException {
        describe(fs, fs.attributes(dir), path + "/", sb);
        for (DirEntry e : fs.listAll(dir).stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            if (e.type() == NodeType.DIRECTORY) {
                walk(fs, e.inode(), path + "/" + e.name(), sb);
            } else {
                describe(fs, fs.attributes(e.inode()), path + "/" + e.name(), sb);
            }
        }
    }

    private static void describe(HavenFs fs, Inode i, String path, StringBuilder sb) throws FsException {
        sb.append(path).append(' ').append(i.id()).append(' ').append(i.type()).append(" n=").append(i.linkCount())
                .append(" s=").append(i.size()).append(" a=").append(i.allocationSize())
                .append(" m=").append(Integer.toOctalString(i.mode())).append(" o=").append(i.uid()).append(':')
                .append(i.gid()).append(" dos=").append(i.dosAttributes()).append(" t=").append(i.birthTime())
                .append('/').append(i.lastWriteTime()).append('/').append(i.changeTime());
        if (i.type() == NodeType.FILE) {
            CRC32C c = new CRC32C();
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (long off = 0; off < i.size(); off += b.position()) {
                b.clear();
                fs.read(i.id(), off, b);
                c.update(b.array(), 0, b.position());
            }
            sb.append(" c=").append(Long.toHexString(c.getValue()));
        } else if (i.type() == NodeType.SYMLINK) {
            sb.append(" -> ").append(fs.readSymlink(i.id()));
        }
        for (String x : fs.listXattrs(i.id())) {
            CRC32C c = new CRC32C();
            c.update(fs.getXattr(i.id(), x));
            sb.append(' ').append(x).append('=').append(Long.toHexString(c.getValue()));
        }
        sb.append('\n');
    }
}
