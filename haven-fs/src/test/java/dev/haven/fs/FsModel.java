package dev.haven.fs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The in-memory oracle for {@link ModelBasedTest}: what a correct file system holds (case-sensitive names). */
final class FsModel {
    static final class MNode {
        final NodeType type;
        byte[] data = new byte[0];
        final TreeMap<String, Long> children;
        final Map<String, byte[]> xattrs = new TreeMap<>();
        int links = 1;
        long parent;

        MNode(NodeType type, long parent, Comparator<String> order) {
            this.type = type;
            this.parent = parent;
            this.children = new TreeMap<>(order);
        }
    }

    final Map<Long, MNode> nodes = new HashMap<>();
    private final Comparator<String> order;

    /** A model whose names compare exactly, or folded per code point as a case-insensitive HavenFS does. */
    FsModel(boolean caseInsensitive) {
        this.order = caseInsensitive ? Comparator.comparing(FsModel::fold) : Comparator.naturalOrder();
        nodes.put(HavenFs.ROOT, new MNode(NodeType.DIRECTORY, HavenFs.ROOT, order));
    }

    static String fold(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    MNode get(long id) {
        return nodes.get(id);
    }

    FsError createCheck(long dir, String name) {
        return nodes.get(dir).children.containsKey(name) ? FsError.EXISTS : null;
    }

    void create(long dir, String name, long id, NodeType type) {
        nodes.put(id, new MNode(type, dir, order));
        nodes.get(dir).children.put(name, id);
    }

    void write(long id, long off, byte[] b) {
        MNode n = nodes.get(id);
        if (off + b.length > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) (off + b.length));
        }
        System.arraycopy(b, 0, n.data, (int) off, b.length);
    }

    void truncate(long id, long size) {
        MNode n = nodes.get(id);
        n.data = Arrays.copyOf(n.data, (int) size);
    }

    FsError unlinkCheck(long dir, String name) {
        Long c = nodes.get(dir).children.get(name);
        if (c == null) {
            return FsError.NOT_FOUND;
        }
        return nodes.get(c).type == NodeType.DIRECTORY ? FsError.IS_A_DIRECTORY : null;
    }

    FsError rmdirCheck(long dir, String name) {
        Long c = nodes.get(dir).children.get(name);
        if (c == null) {
            return FsError.NOT_FOUND;
        }
        if (nodes.get(c).type != NodeType.DIRECTORY) {
            return FsError.NOT_A_DIRECTORY;
        }
        return nodes.get(c).children.isEmpty() ? null : FsError.NOT_EMPTY;
    }

    void remove(long dir, String name) {
        long c = nodes.get(dir).children.remove(name);
        MNode n = nodes.get(c);
        if (n.type == NodeType.DIRECTORY || --n.links == 0) {
            nodes.remove(c);
        }
    }

    FsError renameCheck(long sd, String sn, long dd, String dn, boolean replace) {
        Long src = nodes.get(sd).children.get(sn);
        if (src == null) {
            return FsError.NOT_FOUND;
        }
        Long dst = nodes.get(dd).children.get(dn);
        if (nodes.get(src).type == NodeType.DIRECTORY && sd != dd) {
            for (long d = dd; ; d = nodes.get(d).parent) {
                if (d == src) {
                    return FsError.LOOP;
                }
                if (d == HavenFs.ROOT) {
                    break;
                }
            }
        }
        if (dst == null || dst.equals(src)) {
            return null;
        }
        if (!replace) {
            return FsError.EXISTS;
        }
        MNode s = nodes.get(src);
        MNode t = nodes.get(dst);
        if (t.type == NodeType.DIRECTORY) {
            if (s.type != NodeType.DIRECTORY) {
                return FsError.IS_A_DIRECTORY;
            }
            return t.children.isEmpty() ? null : FsError.NOT_EMPTY;
        }
        return s.type == NodeType.DIRECTORY ? FsError.NOT_A_DIRECTORY : null;
    }

    void rename(long sd, String sn, long dd, String dn) {
        long src = nodes.get(sd).children.get(sn);
        Long dst = nodes.get(dd).children.get(dn);
        if (dst != null && dst == src) {
            if (sd == dd && order.compare(sn, dn) == 0) {
                nodes.get(sd).children.remove(sn); // case-only rename: the new spelling is kept
                nodes.get(sd).children.put(dn, src);
            }
            return;
        }
        if (dst != null) {
            remove(dd, dn);
        }
        nodes.get(sd).children.remove(sn);
        nodes.get(dd).children.put(dn, src);
        nodes.get(src).parent = dd;
    }
}
