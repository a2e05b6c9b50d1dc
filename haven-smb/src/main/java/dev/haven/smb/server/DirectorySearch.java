package dev.haven.smb.server;

import dev.haven.files.service.DirectoryEntry;
import dev.haven.files.service.DirectoryPage;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import java.util.ArrayDeque;

/**
 * [MS-SMB2] 3.3.1.10 Open.EnumerationLocation and SearchPattern: where a directory listing of
 * one open stands. "." and ".." come first, then the file system's entries page by page; an
 * entry that did not fit the client's buffer is pushed back and returned next time.
 */
final class DirectorySearch {
    private static final int PAGE = 256;

    /** One entry to return. */
    record Item(String name, dev.haven.files.service.FileAttributes attributes) {
    }

    private final WildcardPattern pattern;
    private final ArrayDeque<Item> pending = new ArrayDeque<>();
    private boolean dotsDone;
    private long cookie;
    private boolean end;
    private boolean returnedAny;

    DirectorySearch(WildcardPattern pattern) {
        this.pattern = pattern;
    }

    /** The next matching entry, or null when the listing is over. */
    Item next(FileService service, Open dir) {
        if (!dotsDone) {
            dotsDone = true;
            offer(new Item(".", service.attributes(dir)));
            offer(new Item("..", service.parentAttributes(dir)));
        }
        while (pending.isEmpty() && !end) {
            DirectoryPage page = service.list(dir, cookie, PAGE);
            for (DirectoryEntry e : page.entries()) {
                offer(new Item(e.name(), e.attributes()));
            }
            cookie = page.cookie();
            end = page.end();
        }
        return pending.poll();
    }

    private void offer(Item item) {
        if (pattern.matches(item.name())) {
            pending.add(item);
        }
    }

    /** Puts back an entry that did not fit. */
    void pushBack(Item item) {
        pending.addFirst(item);
    }

    /** Notes that a response carried entries. */
    void returned() {
        returnedAny = true;
    }

    /** True once any entry was returned: an empty answer is then NO_MORE_FILES, not NO_SUCH_FILE. */
    boolean returnedAny() {
        return returnedAny;
    }
}
