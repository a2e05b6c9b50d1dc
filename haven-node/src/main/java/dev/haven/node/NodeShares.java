package dev.haven.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shares of a running node: listed, added and deleted while clients work. Each change is
 * served first and then written to {@code haven.conf} (undone if the write fails), so the file
 * always describes what a restart would serve.
 */
final class NodeShares {
    private final Node node;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ShareDefinition> shares;

    NodeShares(Node node, List<ShareDefinition> configured) {
        this.node = node;
        this.shares = new ArrayList<>(configured);
    }

    List<ShareDefinition> list() {
        lock.lock();
        try {
            return List.copyOf(shares);
        } finally {
            lock.unlock();
        }
    }

    ShareDefinition add(ShareDefinition share) throws IOException {
        String name = share.name();
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.contains("[")
                || name.contains("]") || name.contains("#") || !name.strip().equals(name)) {
            throw new IllegalArgumentException("bad share name '" + name + "': no / \\ [ ] # and no surrounding spaces");
        }
        if (!share.path().startsWith("/") || List.of(share.path().split("/")).contains("..")) {
            throw new IllegalArgumentException("path must start with '/' and must not contain '..'");
        }
        lock.lock();
        try {
            if (find(name) != null) {
                throw new IllegalStateException("a share named " + name + " exists");
            }
            VirtualServer vs = serverOf(share.fileSystem());
            vs.addShare(share);
            try {
                ConfigFile.append(node.dataDirectory().configFile(), share.section());
            } catch (IOException | RuntimeException e) {
                vs.removeShare(share);
                throw e;
            }
            shares.add(share);
            return share;
        } finally {
            lock.unlock();
        }
    }

    void delete(String name) throws IOException {
        lock.lock();
        try {
            ShareDefinition share = find(name);
            if (share == null) {
                throw new NoSuchElementException("no share named " + name);
            }
            ConfigFile.remove(node.dataDirectory().configFile(), "share", share.name());
            serverOf(share.fileSystem()).removeShare(share);
            shares.remove(share);
        } finally {
            lock.unlock();
        }
    }

    private ShareDefinition find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return shares.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst().orElse(null);
    }

    private VirtualServer serverOf(String fileSystem) {
        return node.virtualServers().stream().filter(v -> v.fileSystem(fileSystem).isPresent()).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no filesystem named " + fileSystem));
    }
}
